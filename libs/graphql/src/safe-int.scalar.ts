import { GraphQLSafeInt } from 'graphql-scalars';

/**
 * Counts: whole numbers up to 2^53 - 1 (graphql-scalars' SafeInt, MIT). GraphQL's Int is
 * 32-bit, which an ad's all-time clicks can pass; Float said nothing about being whole. A
 * value past 2^53 - 1 fails serialization loudly rather than arriving rounded.
 */
export const SafeInt = GraphQLSafeInt;
