import { ConfigError } from './config.error';
import { loadEnv } from './load-env';

/** The EventStoreDB client parses esdb:// and esdb+discover:// only: anything else must fail here, not at start. */
describe('EVENTSTORE_URL', () => {
  it.each(['esdb://localhost:2113?tls=false', 'esdb+discover://cluster.example:2113'])(
    'accepts %s',
    (value) => {
      expect(loadEnv({ EVENTSTORE_URL: value }).EVENTSTORE_URL).toBeDefined();
    },
  );

  it.each(['kurrentdb://localhost:2113', 'kurrentdb+discover://cluster.example', 'http://x'])(
    'refuses %s with the schemes it takes',
    (value) => {
      expect(() => loadEnv({ EVENTSTORE_URL: value })).toThrow(ConfigError);
      try {
        loadEnv({ EVENTSTORE_URL: value });
      } catch (error) {
        expect((error as ConfigError).problems.join('\n')).toMatch(
          /EVENTSTORE_URL must start with esdb:\/\/ or esdb\+discover:\/\//,
        );
      }
    },
  );
});
