import { resolveSecrets, Secrets } from './dev-secrets';
import { Env } from './env.schema';
import { loadEnv } from './load-env';

/**
 * The typed, validated configuration, injected wherever settings are read. Features never
 * touch process.env directly: this class is the one place that knows variable names.
 */
export class AppConfig {
  constructor(
    readonly env: Env,
    readonly secrets: Secrets,
  ) {}

  /** Validates the environment and resolves secrets; throws ConfigError listing every problem. */
  static load(
    raw: NodeJS.ProcessEnv = process.env,
    print = (line: string) => process.stdout.write(`${line}\n`),
  ): AppConfig {
    const env = loadEnv(raw);
    return new AppConfig(env, resolveSecrets(env, print));
  }

  get<K extends keyof Env>(name: K): Env[K] {
    return this.env[name];
  }

  /**
   * Whether ads may target loopback, private and local hosts: a developer's landing page runs
   * on localhost, but in production such a target sends visitors (and anything that follows
   * the link) into our own network.
   */
  get adTargetsAllowPrivate(): boolean {
    const configured = this.env.AD_TARGETS_ALLOW_PRIVATE;
    return configured ? configured === 'on' : this.env.NODE_ENV !== 'production';
  }

  /** Where minted click URLs point. */
  get publicBaseUrl(): string {
    const configured = this.env.PUBLIC_BASE_URL;
    if (configured) return configured.replace(/\/+$/, '');
    const host =
      this.env.HOST === '0.0.0.0' ? '127.0.0.1' : this.env.HOST === '::' ? '::1' : this.env.HOST;
    // An IPv6 address goes in brackets in a URL: http://[::1]:3000.
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.env.PORT}`;
  }
}
