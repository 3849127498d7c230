import { ServerResponse } from 'node:http';
import { FastifyInstance, FastifyRequest } from 'fastify';
// nestjs-pino's PinoLogger (and so every Nest Logger) writes through the logger of the Store
// this AsyncLocalStorage holds; its own middleware is what normally fills it. Not re-exported
// from the package's index, so taken from its module.
import { storage, Store } from 'nestjs-pino/storage';
import { Logger } from 'pino';
import { writeAccessLine } from './access-line';
import { CORRELATION_FIELD } from './log-options';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route writes its own access line and needs no log context: the redirect, whose
     * sampled line (RedirectAccessLog) costs nothing on the clicks it does not sample.
     */
    ownAccessLog?: boolean;
  }
}

/**
 * Every request's log context and access line, from Fastify hooks rather than nestjs-pino's
 * middleware: Nest middleware runs through @fastify/middie on every request, the redirect's
 * included (a route is only excluded inside it), and that dispatch cost the redirect more main
 * thread time than its own work (docs/benchmarks.md, Redirect). A route with `ownAccessLog`
 * pays one hook call and nothing else.
 *
 * Every line written while a request is handled carries its correlation id: the rest of the
 * request runs inside the context bound here (Fastify carries it past a body that arrives after
 * the headers: its content-type parser binds what follows to the request's async context).
 */
export function useRequestLogging(
  fastify: FastifyInstance,
  root: Logger,
  options: { accessLog: boolean },
): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.ownAccessLog) return done();
    const log = root.child({ [CORRELATION_FIELD]: request.id });
    if (options.accessLog) writeAccessLineOnEnd(log, request, reply.raw);
    storage.run(new Store(log), done);
  });
}

/**
 * On the raw response's events, as pino-http did, rather than an onResponse hook: a global
 * onResponse hook makes Fastify listen on every response, the redirect's too. 'close' before
 * 'finish' is a client that left before the answer.
 */
function writeAccessLineOnEnd(log: Logger, request: FastifyRequest, response: ServerResponse) {
  const started = process.hrtime.bigint();
  const ended = (): void => {
    response.off('finish', ended);
    response.off('close', ended);
    writeAccessLine(
      log,
      request.method,
      request.url,
      response.statusCode,
      response.writableEnded,
      Number(process.hrtime.bigint() - started) / 1e6,
    );
  };
  response.on('finish', ended);
  response.on('close', ended);
}
