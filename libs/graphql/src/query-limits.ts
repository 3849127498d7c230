import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, ValidationContext } from 'graphql';

/**
 * Our own types nest at most 4 deep (topAds > ad > totals > clicks); the standard introspection
 * query that GraphiQL and code generators send nests 13 deep, and must pass.
 */
export const MAX_QUERY_DEPTH = 15;
/** The dashboard uses 2 (country and device breakdowns). */
export const MAX_QUERY_ALIASES = 15;
export const MAX_QUERY_DIRECTIVES = 50;
/**
 * The introspection query is 163 tokens and the dashboard's largest document 149. Validation
 * is quadratic in the fields one selection set repeats, so this is what bounds its CPU.
 */
export const MAX_QUERY_TOKENS = 1_000;
/**
 * Fields an operation selects once every fragment is expanded (the fragments' own counts are
 * memoised, so counting is linear in the document). This, not the cost model below, is what
 * refuses a fragment fan-out: it runs in validation, before anything walks the expanded tree.
 */
export const MAX_SELECTED_FIELDS = 2_000;

type Reason = 'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES' | 'TOO_MANY_DIRECTIVES' | 'QUERY_TOO_COMPLEX';

/**
 * Armor reports "Syntax Error: <limit> exceeded" with no reason; refuse in our own shape
 * instead: BAD_USER_INPUT, a reason a client can branch on, and a sentence that says the limit.
 */
function refuse(reason: Reason, message: (found: string) => string) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    const found = /found (\d+)/.exec(error.message)?.[1] ?? 'more';
    context?.reportError(
      new GraphQLError(message(found), { extensions: { code: 'BAD_USER_INPUT', reason } }),
    );
  };
}

/**
 * Bounds on a document's shape, checked by graphql-armor's validation rules before anything
 * runs, and so before any API key is looked at. Tokens are bounded by graphql-js's own parser
 * (Apollo's parseOptions, see GraphqlApiModule): armor's token plugin throws from a hook that
 * Apollo 5 answers with a 500.
 */
export function queryLimits(): ReturnType<ApolloArmor['protect']> {
  return new ApolloArmor({
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
    maxDepth: {
      n: MAX_QUERY_DEPTH,
      // Count fields, not fragment spreads, and count introspection's too: `ofType` recurses.
      flattenFragments: true,
      ignoreIntrospection: false,
      propagateOnRejection: false,
      onReject: [
        refuse(
          'QUERY_TOO_DEEP',
          (found) => `query depth ${found} exceeds the limit of ${MAX_QUERY_DEPTH}`,
        ),
      ],
    },
    maxAliases: {
      n: MAX_QUERY_ALIASES,
      propagateOnRejection: false,
      onReject: [
        refuse(
          'TOO_MANY_ALIASES',
          (found) => `the query has ${found} aliases; the limit is ${MAX_QUERY_ALIASES}`,
        ),
      ],
    },
    maxDirectives: {
      n: MAX_QUERY_DIRECTIVES,
      propagateOnRejection: false,
      onReject: [
        refuse(
          'TOO_MANY_DIRECTIVES',
          (found) => `the query has ${found} directives; the limit is ${MAX_QUERY_DIRECTIVES}`,
        ),
      ],
    },
    costLimit: {
      maxCost: MAX_SELECTED_FIELDS,
      // One per field selected, with fragments expanded: neither depth nor `first` weighs.
      objectCost: 1,
      scalarCost: 1,
      depthCostFactor: 1,
      flattenFragments: true,
      ignoreIntrospection: false,
      propagateOnRejection: false,
      onReject: [
        refuse(
          'QUERY_TOO_COMPLEX',
          (found) =>
            `the query selects ${found} fields once its fragments are expanded; the limit is ` +
            MAX_SELECTED_FIELDS,
        ),
      ],
    },
  }).protect();
}
