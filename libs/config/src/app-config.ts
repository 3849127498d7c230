import { Env } from './env.schema';

/**
 * The typed, validated configuration, injected wherever settings are read. Features never
 * touch process.env directly: this class is the one place that knows variable names.
 */
export class AppConfig {
  constructor(readonly env: Env) {}

  get<K extends keyof Env>(name: K): Env[K] {
    return this.env[name];
  }

  get isProduction(): boolean {
    return this.env.NODE_ENV === 'production';
  }
}
