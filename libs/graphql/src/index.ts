export { GraphqlApiModule, MAX_QUERY_COST } from './graphql-api.module';
export {
  MAX_QUERY_ALIASES,
  MAX_QUERY_DEPTH,
  MAX_QUERY_TOKENS,
  MAX_SELECTED_FIELDS,
} from './query-limits';
export { SafeInt } from './safe-int.scalar';
