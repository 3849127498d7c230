import { ConfigError } from './config.error';
import { loadEnv } from './load-env';

describe('loadEnv', () => {
  it('applies defaults for unset and empty variables', () => {
    const env = loadEnv({ PORT: '' });
    expect(env.PORT).toBe(3000);
    expect(env.NODE_ENV).toBe('development');
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('parses durations and numbers', () => {
    const env = loadEnv({ PORT: '8080', SHUTDOWN_TIMEOUT: '15s' });
    expect(env.PORT).toBe(8080);
    expect(env.SHUTDOWN_TIMEOUT).toBe(15_000);
  });

  it('lists every problem at once, naming each variable', () => {
    let error: unknown;
    try {
      loadEnv({ PORT: 'eighty', NODE_ENV: 'staging', EVENTSTORE_URL: 'http://x' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { problems } = error as ConfigError;
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).toMatch(/PORT must be a whole number/);
    expect(problems.join('\n')).toMatch(/NODE_ENV must be one of development, production, test/);
    expect(problems.join('\n')).toMatch(/EVENTSTORE_URL must start with esdb:\/\//);
  });

  it('never echoes a database URL that fails to parse (it may carry a password)', () => {
    expect(() => loadEnv({ DATABASE_URL: 'not a url:secret-password' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret-password') }),
    );
  });
});
