import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { LoggerModule } from 'nestjs-pino';
import { accessLogOptions } from './log-options';
import { RedirectAccessLog } from './redirect-access-log';

/**
 * Structured logs through pino (nestjs-pino): JSON lines, or pretty on a terminal; one access
 * line per request; and every line a request causes carries its correlation id, found through
 * AsyncLocalStorage rather than passed down by hand.
 *
 * The redirect is left out of the middleware: it is a plain Fastify route on the hot path, and
 * the per-request child logger and context cost more than its own work. It writes its own
 * (sampled) access line through RedirectAccessLog, in the same shape.
 */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, app: string): DynamicModule {
    return {
      module: LoggingModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: accessLogOptions(config, app),
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          exclude: [{ path: 'c/:token', method: RequestMethod.ALL }],
        }),
      ],
      providers: [RedirectAccessLog],
      exports: [RedirectAccessLog],
    };
  }
}
