import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('logging and metrics settings', () => {
  it("takes the level names the log lines carry as aliases of Nest's", () => {
    expect(loadEnv({ LOG_LEVEL: 'info' }).LOG_LEVEL).toBe('log');
    expect(loadEnv({ LOG_LEVEL: 'trace' }).LOG_LEVEL).toBe('verbose');
    expect(() => loadEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
  });

  it('refuses a metrics port that another listener of the app already has', () => {
    expect(() => loadEnv({ PORT: '4102', METRICS_PORT: '4102' })).toThrow(
      /METRICS_PORT 4102 is also PORT/,
    );
    expect(() => loadEnv({ METRICS_PORT: '3001' })).toThrow(/is also PROJECTOR_RPC_PORT/);
    expect(() => loadEnv({ METRICS_PORT: '0' })).toThrow(/METRICS_PORT must be between 1/);
    expect(loadEnv({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
  });

  it('takes a sample share from 0 to 1 only', () => {
    expect(loadEnv({ ACCESS_LOG_REDIRECT_SAMPLE: '0.01' }).ACCESS_LOG_REDIRECT_SAMPLE).toBe(0.01);
    for (const bad of ['1.5', '-0.1', 'half', 'NaN'])
      expect(() => loadEnv({ ACCESS_LOG_REDIRECT_SAMPLE: bad })).toThrow(/from 0 to 1/);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless told to', () => {
    expect(loadEnv({}).TRUST_PROXY).toBe(false);
    expect(loadEnv({ TRUST_PROXY: 'off' }).TRUST_PROXY).toBe(false);
  });

  it('takes a hop count or a list of addresses, ranges and named ranges', () => {
    expect(loadEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(
      loadEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8,192.168.1.7,fd00::/8' }).TRUST_PROXY,
    ).toEqual(['loopback', '10.0.0.0/8', '192.168.1.7', 'fd00::/8']);
  });

  it('names the entries it cannot use, and refuses "trust everyone"', () => {
    expect(() => loadEnv({ TRUST_PROXY: '10.0.0.0/33,lb.internal' })).toThrow(
      /TRUST_PROXY .*not understood: "10\.0\.0\.0\/33", "lb\.internal"/,
    );
    expect(() => loadEnv({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadEnv({ TRUST_PROXY: '0' })).toThrow(
      /TRUST_PROXY must be a hop count between 1 and 10, got 0/,
    );
  });
});

describe('QUALITY_DATACENTER_RANGES', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clickstream-ranges-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a readable file of CIDR ranges, comments and blank lines allowed', () => {
    const file = join(dir, 'good.txt');
    writeFileSync(file, '# clouds\n192.0.2.0/24\n\n2001:db8::/32  # docs\n198.51.100.7\n');
    expect(loadEnv({ QUALITY_DATACENTER_RANGES: file }).QUALITY_DATACENTER_RANGES).toBe(file);
  });

  it('lists a file it cannot read, or a bad line by its number, with the other problems', () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '# clouds\n192.0.2.0/24\n10.0.0.0/33\nnonsense\n');
    const problems = (raw: string): readonly string[] => {
      try {
        loadEnv({ QUALITY_DATACENTER_RANGES: raw, PORT: 'x' });
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems;
      }
      throw new Error('accepted');
    };
    expect(problems('/nonexistent')).toEqual([
      'PORT must be a whole number, got "x"',
      'QUALITY_DATACENTER_RANGES cannot read /nonexistent: no such file',
    ]);
    expect(problems(dir)).toContain(
      `QUALITY_DATACENTER_RANGES cannot read ${dir}: it is a directory, not a file`,
    );
    expect(problems(bad)).toContain(
      `QUALITY_DATACENTER_RANGES ${bad} line 3 is not a CIDR range or address: "10.0.0.0/33"`,
    );
  });
});
