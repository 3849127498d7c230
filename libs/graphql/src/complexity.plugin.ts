import { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST, getVariableValues, GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/** A 400 in our refusal shape; Apollo answers an error thrown from a hook as a 500 otherwise. */
function badRequest(message: string, reason?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: 'BAD_USER_INPUT',
      ...(reason ? { reason } : {}),
      http: { status: 400 },
    },
  });
}

/**
 * Refuses an operation whose estimated cost is over `maxCost` before any resolver runs. A field
 * costs 1 unless it declares `complexity`; the reporting queries declare what they will read
 * (points, buckets, rows), so aliases of an expensive query add up to what they would cost.
 * The document's size is already bounded (see query-limits.ts), so this walk is cheap.
 */
export function complexityLimit(maxCost: number): ApolloServerPlugin {
  return {
    requestDidStart: async ({ schema }) => ({
      didResolveOperation: async ({ request, document }) => {
        const operation = getOperationAST(document, request.operationName);
        // No such operation: Apollo refuses it itself, with a 400, when it tries to execute.
        if (!operation) return;
        // Coerce the variables here so a wrong one is a 400 that says which, instead of the
        // plain Error getComplexity throws (which Apollo would answer with a 500).
        const coerced = getVariableValues(
          schema,
          operation.variableDefinitions ?? [],
          request.variables ?? {},
          { maxErrors: 10 },
        );
        if (coerced.errors) throw badRequest(coerced.errors.map((e) => e.message).join('; '));
        const cost = getComplexity({
          schema,
          query: document,
          operationName: request.operationName ?? undefined,
          variables: request.variables,
          estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
        });
        // `!(cost <= max)`: a cost function that ever yields NaN must refuse, not let through.
        if (!(cost <= maxCost))
          throw badRequest(
            `query cost ${cost} exceeds the limit of ${maxCost}: ask for fewer points, ads or ` +
              'days, or split the query',
            'QUERY_TOO_COMPLEX',
          );
      },
    }),
  };
}
