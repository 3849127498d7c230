export { AppConfig } from './app-config';
export { ConfigError } from './config.error';
export { ConfigModule } from './config.module';
export { Env, ENV_SCHEMA } from './env.schema';
export { loadEnv } from './load-env';
export { resolveSecrets, Secrets } from './dev-secrets';
