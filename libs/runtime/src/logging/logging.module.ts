import { DynamicModule, Module } from '@nestjs/common';
import { Logger as NestLogger, Params, PARAMS_PROVIDER_TOKEN, PinoLogger } from 'nestjs-pino';
import { Logger } from 'pino';
import { RedirectAccessLog } from './redirect-access-log';

/**
 * Structured logs through pino: nestjs-pino's Logger is the app's Nest logger, writing through
 * the process's one pino logger, or through the request's child of it (its correlation id
 * bound) while a request is handled. That context and the access lines come from Fastify hooks
 * (request-logging.ts), not from nestjs-pino's middleware, so LoggerModule is not imported: its
 * only other part is that middleware.
 */
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    const params: Params = { pinoHttp: { logger } };
    return {
      module: LoggingModule,
      global: true,
      providers: [
        { provide: PARAMS_PROVIDER_TOKEN, useValue: params },
        PinoLogger,
        NestLogger,
        RedirectAccessLog,
      ],
      exports: [PinoLogger, NestLogger, RedirectAccessLog],
    };
  }
}
