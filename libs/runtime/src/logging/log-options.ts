import { IncomingMessage, ServerResponse } from 'node:http';
import { hostname } from 'node:os';
import { AppConfig } from '@app/config';
import { activeTraceIds, tracingEnabled } from '@app/tracing';
import { LevelWithSilent, LoggerOptions, stdTimeFunctions } from 'pino';
import { Options } from 'pino-http';
import { loggedPath, loggedUrl } from './logged-url';

/** Nest's level names (LOG_LEVEL keeps them) to pino's. */
const PINO_LEVEL = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
} as const;

/** Probes and scrapes come every few seconds: their access lines are debug, not info. */
const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** The field every line caused by a request carries: the id the response header also carries. */
export const CORRELATION_FIELD = 'correlationId';

/** What the access line keeps of a request: no headers (keys, cookies) and no client address. */
export interface LoggedRequest {
  readonly method?: string;
  readonly url?: string;
}

/** The pino options every line of an app goes through, access lines and the app's own alike. */
export function loggerOptions(config: AppConfig, app: string): LoggerOptions {
  const pretty =
    (config.get('LOG_FORMAT') ?? (process.stdout.isTTY ? 'pretty' : 'json')) === 'pretty';
  return {
    level: PINO_LEVEL[config.get('LOG_LEVEL')],
    base: { app, pid: process.pid, hostname: hostname() },
    timestamp: stdTimeFunctions.isoTime,
    // Level names, not pino's numbers: what log shippers and people read without a table.
    formatters: { level: (label) => ({ level: label }) },
    // With tracing on, a line written inside a span names it, so a log search and a trace
    // view lead to each other. Off, no per-line work at all.
    ...(tracingEnabled() ? { mixin: activeTraceIds } : {}),
    // Belt and braces: the serializers below never take headers, but an `err` or a bound
    // object that carries a request must not leak a key either.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.authorization', '*.apiKey'],
      censor: '[redacted]',
    },
    ...(pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: {
              singleLine: true,
              translateTime: 'SYS:HH:MM:ss.l',
              ignore: 'pid,hostname,app,context',
              messageFormat: '{if context}[{context}] {end}{msg}',
              messageKey: 'msg',
            },
          },
        }
      : {}),
  };
}

/** pino-http's options: one access line per request, app lines bound to the correlation id. */
export function accessLogOptions(config: AppConfig, app: string): Options {
  return {
    ...loggerOptions(config, app),
    // Fastify's genReqId made the id (the caller's x-correlation-id, or a new one) and middie
    // copies it onto the raw request: pino-http takes req.id as it is.
    quietReqLogger: true,
    customAttributeKeys: { reqId: CORRELATION_FIELD, responseTime: 'responseTimeMs' },
    autoLogging: config.get('ACCESS_LOG') === 'on',
    serializers: {
      req: (req: IncomingMessage): LoggedRequest => ({
        method: req.method,
        url: loggedUrl(req.url),
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (req, res, error): LevelWithSilent => {
      // Probes come every few seconds, and a 503 from /readyz during an outage is its answer,
      // not news: the outage has its own lines and metrics.
      if (PROBES.has(loggedPath(req.url))) return 'debug';
      if (!res.writableEnded) return 'warn';
      return error || res.statusCode >= 500 ? 'error' : 'info';
    },
    customSuccessMessage: (req, res) =>
      res.writableEnded
        ? `${req.method} ${loggedPath(req.url)} ${res.statusCode}`
        : `${req.method} ${loggedPath(req.url)} aborted: the client left before the answer`,
    customErrorMessage: (req, res) => `${req.method} ${loggedPath(req.url)} ${res.statusCode}`,
    // pino-http makes up an Error ("failed with status code 503", its own stack) for every 5xx:
    // the status says as much, and the cause, where there is one, has its own line.
    customErrorObject: (_req, _res, error, fields: Record<string, unknown>) =>
      error.message.startsWith('failed with status code') ? { ...fields, err: undefined } : fields,
  };
}
