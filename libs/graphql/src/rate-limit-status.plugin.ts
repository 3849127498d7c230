import { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { RateLimitError } from '@app/runtime';

/**
 * GraphQL answers resolver errors with HTTP 200; a rate-limit refusal must be a 429 with
 * Retry-After instead, so that proxies, client libraries and load tools back off as they do
 * for REST. The guard refuses every root field alike, so one such error decides.
 */
export function rateLimitStatus(): ApolloServerPlugin {
  return {
    requestDidStart: async () => ({
      willSendResponse: async ({ errors, response }) => {
        const limited = errors
          ?.map((error) => unwrapResolverError(error))
          .find((error): error is RateLimitError => error instanceof RateLimitError);
        if (!limited) return;
        response.http.status = 429;
        response.http.headers.set('retry-after', String(limited.retryAfterSeconds));
      },
    }),
  };
}
