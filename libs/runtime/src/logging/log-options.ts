import { hostname } from 'node:os';
import { AppConfig } from '@app/config';
import { activeTraceIds, tracingEnabled } from '@app/tracing';
import { LoggerOptions, stdTimeFunctions } from 'pino';

/** Nest's level names (LOG_LEVEL keeps them) to pino's. */
const PINO_LEVEL = {
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
} as const;

/** The field every line caused by a request carries: the id the response header also carries. */
export const CORRELATION_FIELD = 'correlationId';

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
    // Belt and braces: access lines never take headers (access-line.ts), but an `err` or a
    // bound object that carries a request must not leak a key either.
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
