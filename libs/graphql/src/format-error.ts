import { HttpException, Logger } from '@nestjs/common';
import { unwrapResolverError } from '@apollo/server/errors';
import { isConnectionError } from '@app/database';
import { ApplicationError, DATABASE_UNAVAILABLE, ErrorKind, RateLimitError } from '@app/runtime';
import { GraphQLFormattedError } from 'graphql';

/** The `extensions.code` a client branches on, per kind of failure. */
export function graphqlCode(kind: ErrorKind): string {
  switch (kind) {
    case 'bad-input':
      return 'BAD_USER_INPUT';
    case 'unauthenticated':
      return 'UNAUTHENTICATED';
    case 'forbidden':
      return 'FORBIDDEN';
    case 'not-found':
      return 'NOT_FOUND';
    case 'conflict':
      return 'CONFLICT';
    case 'rate-limited':
      return 'RATE_LIMITED';
    case 'unavailable':
      return 'SERVICE_UNAVAILABLE';
  }
}

const logger = new Logger('GraphQL');

/**
 * Maps what resolvers throw to `{ message, path, extensions: { code, reason?, details? } }`.
 * Feature errors keep their message and add their own code as `reason`; validation failures
 * list what was wrong; anything unexpected is logged here and reaches the client only as
 * "internal error". No stack trace ever leaves the process.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };
  if (original instanceof ApplicationError) {
    return {
      ...base,
      message: original.message,
      extensions: {
        code: graphqlCode(original.kind),
        reason: original.code,
        details: original.details,
        ...(original instanceof RateLimitError
          ? { retryAfterSeconds: original.retryAfterSeconds }
          : {}),
      },
    };
  }
  if (original instanceof HttpException) {
    const body = original.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    const details = Array.isArray(message) ? message.map(String) : undefined;
    const status = original.getStatus();
    return {
      ...base,
      message: details ? 'invalid arguments' : String(message ?? original.message),
      extensions: {
        code: status === 401 ? 'UNAUTHENTICATED' : status === 403 ? 'FORBIDDEN' : 'BAD_USER_INPUT',
        details,
      },
    };
  }
  const code = formatted.extensions?.code;
  // graphql-js's own token limit (see query-limits.ts) is a parse error; it is a refusal of
  // the document's size, so it gets the refusal shape.
  const tokens = /more that (\d+) tokens/.exec(formatted.message);
  if (code === 'GRAPHQL_PARSE_FAILED' && tokens)
    return {
      message: `the document has more than ${tokens[1]} tokens; the limit is ${tokens[1]}`,
      extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_TOKENS' },
    };
  // Parse, validation and argument-coercion errors come from graphql-js and Apollo with their
  // own codes and safe messages; pass them through without internals.
  if (typeof code === 'string' && code !== 'INTERNAL_SERVER_ERROR') {
    const reason = formatted.extensions?.reason;
    // Our query-shape refusals are validation rules, which Apollo labels
    // GRAPHQL_VALIDATION_FAILED; a refusal with a reason keeps the BAD_USER_INPUT shape.
    return typeof reason === 'string'
      ? { ...base, extensions: { code: 'BAD_USER_INPUT', reason } }
      : { ...base, extensions: { code } };
  }
  if (isConnectionError(original))
    return {
      ...base,
      message: DATABASE_UNAVAILABLE,
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    };
  logger.error(original instanceof Error ? (original.stack ?? original.message) : String(original));
  return { ...base, message: 'internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
