import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { DynamicModule, Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ConfigError } from '@app/config';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import pino from 'pino';
import { startTracing } from '@app/tracing';
import { accessGuard } from './access/access-guard';
import { announceAddress } from './discovery/announced-address';
import { stopOnSignals } from './lifecycle/stop-on-signals';
import { HttpErrorFilter } from './errors/http-error.filter';
import { MAX_JSON_BODY, useBoundedJsonParser } from './http/bounded-json-parser';
import { maxHttpConnections, REQUEST_TIMEOUT_MS } from './http/connection-limits';
import { BoundedTcpServer } from './rpc/bounded-tcp-server';
import { BootLogger } from './logging/boot-logger';
import { loggerOptions } from './logging/log-options';
import { LoggingModule } from './logging/logging.module';
import { useRequestLogging } from './logging/request-logging';
import { listenError, StartupError } from './startup-error';
import { connectGuardedMicroservice } from './rpc/guarded-microservice';

const CORRELATION_HEADER = 'x-correlation-id';

/**
 * A caller's own correlation id when it looks sane, else a new one. Never one of our API keys
 * (cs_…) sent there by mistake: the id is logged and stored in event metadata.
 */
function correlationId(request: { headers: IncomingMessage['headers'] }): string {
  const given = request.headers[CORRELATION_HEADER];
  return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) && !/^cs_/i.test(given)
    ? given
    : randomUUID();
}

/**
 * Starts one composition root on Fastify (the redirect path cannot afford Express: DESIGN.md
 * measured 5x). A configuration problem ends the process with the list of problems, not a
 * stack trace.
 */
export interface BootstrapOptions {
  /** Listen for the projector's commands (rebuilds) over TCP on PROJECTOR_RPC_HOST/PORT. */
  readonly rpc?: boolean;
  /** The service name on this process's spans (default: `name`); OTEL_SERVICE_NAME wins. */
  readonly serviceName?: string;
}

export async function bootstrap(
  name: string,
  rootModule: (config: AppConfig) => DynamicModule,
  options: BootstrapOptions = {},
): Promise<NestFastifyApplication> {
  let config: AppConfig;
  try {
    config = AppConfig.load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  // Before any module is built: the redirect route, the event store and the projections
  // decide once, when they are set up, whether they trace.
  const service = options.serviceName ?? name;
  startTracing(config, config.get('OTEL_SERVICE_NAME') ?? service);
  const trustProxy = config.get('TRUST_PROXY');
  const root = rootModule(config);
  // One pino logger per process: the boot logger's, Nest's, and every request's child of it.
  const logger = pino(loggerOptions(config, service));
  const app = await NestFactory.create<NestFastifyApplication>(
    // Logging is the bootstrap's, as the filters and the guard are: it names the app as the
    // traces do, so a log line and a span of one process say the same `app`.
    { ...root, imports: [LoggingModule.forRoot(logger), ...(root.imports ?? [])] },
    new FastifyAdapter({
      bodyLimit: MAX_JSON_BODY,
      // A request must arrive whole within this: connections trickling a body must not pile
      // up until the process runs out of file descriptors (which failed clicks and spooling).
      requestTimeout: REQUEST_TIMEOUT_MS,
      // Click tokens are path parameters, longer than Fastify's default limit of 100. A click
      // link with a trailing slash added on its way still redirects. (Doubled slashes are not
      // folded: that rewrites every request's path, and the redirect is the hot path.)
      routerOptions: { maxParamLength: 1024, ignoreTrailingSlash: true },
      genReqId: correlationId,
      requestIdHeader: false,
      // request.ip is the address anonymous unique users are keyed on: behind a load balancer it
      // must come from X-Forwarded-For, but only as far as TRUST_PROXY says the hops are ours.
      trustProxy: typeof trustProxy === 'object' ? [...trustProxy] : trustProxy,
    }),
    // Bodies are parsed by our bounded JSON parser only (useBoundedJsonParser), not Nest's.
    // Lines logged while the app is built wait for the structured logger, then go through it;
    // if the app never gets built, they go out through the boot logger, in the same format.
    { logger: new BootLogger(logger), bufferLogs: true, bodyParser: false },
  );
  app.useLogger(app.get(PinoNestLogger));
  const fastify = app.getHttpAdapter().getInstance();
  useRequestLogging(fastify, logger, { accessLog: config.get('ACCESS_LOG') === 'on' });
  useBoundedJsonParser(fastify);
  app.useGlobalPipes(
    new ValidationPipe({ transform: true, whitelist: true, forbidNonWhitelisted: true }),
  );
  app.useGlobalFilters(new HttpErrorFilter());
  // Fail closed on every transport: one guard before every HTTP route and GraphQL operation
  // (here) and every RPC message pattern (below), open only where a handler says @Public().
  const guard = accessGuard(app);
  app.useGlobalGuards(guard);
  // Every response carries the correlation id its events were recorded under.
  fastify.addHook('onRequest', async (request, reply) => {
    void reply.header(CORRELATION_HEADER, request.id);
  });
  stopOnSignals(app, name, config.get('SHUTDOWN_TIMEOUT'), logger);
  if (options.rpc) {
    // Not inheriting the HTTP app's filters and pipes: RPC errors travel as RpcException payloads.
    connectGuardedMicroservice(
      app,
      new BoundedTcpServer({
        host: config.get('PROJECTOR_RPC_HOST'),
        port: config.get('PROJECTOR_RPC_PORT'),
      }),
      guard,
    );
    await app.startAllMicroservices().catch((error: unknown) => {
      throw listenError(
        error,
        'PROJECTOR_RPC_PORT',
        config.get('PROJECTOR_RPC_HOST'),
        config.get('PROJECTOR_RPC_PORT'),
        'PROJECTOR_RPC_HOST',
      );
    });
  }
  await app.listen(config.get('PORT'), config.get('HOST')).catch((error: unknown) => {
    throw listenError(error, 'PORT', config.get('HOST'), config.get('PORT'));
  });
  // Connections beyond what file descriptors allow are refused at once, leaving room for the
  // spool, the database pool and the log: EMFILE there would lose clicks.
  app.getHttpServer().maxConnections = maxHttpConnections();
  const url = await app.getUrl();
  announceAddress(config.get('DATA_DIR'), name, url);
  new Logger(name).log(`listening on ${url}`);
  return app;
}

/** For main.ts files: a failed start is logged once and exits non-zero. */
export function run(
  name: string,
  rootModule: (config: AppConfig) => DynamicModule,
  options: BootstrapOptions = {},
): void {
  bootstrap(name, rootModule, options).catch((error: unknown) => {
    // Nest holds the lines logged while the app starts until it listens: a start that fails
    // before that (the metrics port, say) must print them, and its own line, not drop them.
    Logger.flush();
    new Logger(name).fatal(
      error instanceof StartupError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error),
    );
    process.exit(1);
  });
}
