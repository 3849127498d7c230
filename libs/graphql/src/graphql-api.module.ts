import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { complexityLimit } from './complexity.plugin';
import { DateTimeScalar } from './date-time.scalar';
import { formatError } from './format-error';
import { MAX_QUERY_TOKENS, queryLimits } from './query-limits';
import { rateLimitStatus } from './rate-limit-status.plugin';
import { graphqlTracing } from './tracing.plugin';

/**
 * What one operation may read, in the units the reporting queries declare (series points,
 * buckets, rows). Measured against the built app on 30 days of clicks (one every 2 minutes), 5
 * runs each, on a shared 2-core machine: a 7-day minute series (cost ~10,090) takes ~60 ms with
 * `{ asOf }` and ~160 ms with every point field, so the worst series query under the limit (4
 * of those) is ~0.65 s; the dashboard's views cost at most ~40,000 (a 10,000-day series with its
 * totals and breakdowns, ~150 ms) and pass.
 */
export const MAX_QUERY_COST = 50_000;

const limits = queryLimits();

/**
 * GraphQL at /graphql (Apollo on Fastify, code-first schema). Feature modules bring their own
 * resolvers; this module brings the transport, the limits and the error format (the access
 * guard is every transport's, from @app/access). Import it in exactly the apps that serve
 * GraphQL.
 */
@Module({
  imports: [
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      playground: false,
      introspection: true,
      // No automatic persisted queries: nothing here sends them, and a malformed one was an
      // internal error (logged at ERROR) for anyone, without a key.
      persistedQueries: false,
      includeStacktraceInErrorResponses: false,
      allowBatchedHttpRequests: false,
      // The schema is code-first: a resolver whose types do not match it fails at start.
      buildSchemaOptions: {
        dateScalarMode: 'isoDate',
        scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
      },
      parseOptions: { maxTokens: MAX_QUERY_TOKENS },
      formatError,
      // Nest otherwise resets every executed request to HTTP 200, undoing rateLimitStatus's 429.
      // None of our other errors carries an HTTP status, so nothing else changes.
      preserveHttpStatusForExecutionErrors: false,
      validationRules: limits.validationRules,
      // No HTTP cache hints: every answer is live data. Without the plugin Apollo also skips
      // wrapping every field resolver, which a 720-point series feels.
      plugins: [
        ...limits.plugins,
        complexityLimit(MAX_QUERY_COST),
        rateLimitStatus(),
        ApolloServerPluginCacheControlDisabled(),
        graphqlTracing(),
      ],
    }),
  ],
})
export class GraphqlApiModule {}
