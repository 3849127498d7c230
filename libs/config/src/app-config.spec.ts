import { AppConfig } from './app-config';
import { loadEnv } from './load-env';

const config = (env: Record<string, string>): AppConfig =>
  new AppConfig(loadEnv(env), { adminApiKey: 'x'.repeat(24), signingKeys: [] });

describe('AppConfig.publicBaseUrl', () => {
  it('mints links on the address the app listens on, IPv6 in brackets', () => {
    expect(config({ HOST: '127.0.0.1', PORT: '4105' }).publicBaseUrl).toBe('http://127.0.0.1:4105');
    expect(config({ HOST: '0.0.0.0', PORT: '4105' }).publicBaseUrl).toBe('http://127.0.0.1:4105');
    expect(config({ HOST: '::1', PORT: '4105' }).publicBaseUrl).toBe('http://[::1]:4105');
    expect(config({ HOST: '::', PORT: '4105' }).publicBaseUrl).toBe('http://[::1]:4105');
  });

  it('takes PUBLIC_BASE_URL as given, without a trailing slash', () => {
    expect(config({ PUBLIC_BASE_URL: 'https://clicks.example/' }).publicBaseUrl).toBe(
      'https://clicks.example',
    );
  });
});
