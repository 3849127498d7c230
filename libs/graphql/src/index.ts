export { GraphqlApiModule, MAX_QUERY_COST, MAX_QUERY_DEPTH } from './graphql-api.module';
