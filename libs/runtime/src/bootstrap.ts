import 'reflect-metadata';
import { DynamicModule, LogLevel, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ConfigError, loadEnv } from '@app/config';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/**
 * Starts one composition root on Fastify (the redirect path cannot afford Express: DESIGN.md
 * measured 5x). A configuration problem ends the process with the list of problems, not a
 * stack trace.
 */
export async function bootstrap(
  name: string,
  rootModule: (config: AppConfig) => DynamicModule,
): Promise<NestFastifyApplication> {
  let config: AppConfig;
  try {
    config = new AppConfig(loadEnv());
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logLevels = LEVELS.slice(0, LEVELS.indexOf(config.get('LOG_LEVEL')) + 1);
  const app = await NestFactory.create<NestFastifyApplication>(
    rootModule(config),
    new FastifyAdapter({ bodyLimit: 4 * 1024 * 1024 }),
    { logger: logLevels, bufferLogs: false },
  );
  app.enableShutdownHooks();
  await app.listen(config.get('PORT'), config.get('HOST'));
  new Logger(name).log(`listening on ${await app.getUrl()}`);
  return app;
}

/** For main.ts files: a failed start is logged once and exits non-zero. */
export function run(name: string, rootModule: (config: AppConfig) => DynamicModule): void {
  bootstrap(name, rootModule).catch((error: unknown) => {
    new Logger(name).fatal(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
}
