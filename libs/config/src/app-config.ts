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

  /** Where minted click URLs point. */
  get publicBaseUrl(): string {
    const configured = this.env.PUBLIC_BASE_URL;
    if (configured) return configured.replace(/\/+$/, '');
    const host = this.env.HOST === '0.0.0.0' ? '127.0.0.1' : this.env.HOST;
    return `http://${host}:${this.env.PORT}`;
  }
}
