import { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';

/**
 * Refuses an operation whose estimated cost is over `maxCost` before any resolver runs. Each
 * field costs 1 unless it declares `complexity` (lists multiply their children by how many
 * items they may return).
 */
export function complexityLimit(maxCost: number): ApolloServerPlugin {
  return {
    requestDidStart: async ({ schema }) => ({
      didResolveOperation: async ({ request, document }) => {
        const cost = getComplexity({
          schema,
          query: document,
          operationName: request.operationName,
          variables: request.variables,
          estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
        });
        if (cost > maxCost)
          throw new GraphQLError(`query cost ${cost} exceeds the limit of ${maxCost}`, {
            extensions: { code: 'BAD_USER_INPUT', reason: 'QUERY_TOO_COMPLEX' },
          });
      },
    }),
  };
}
