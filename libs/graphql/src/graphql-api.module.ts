import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { AdvertisersModule, GraphqlAccessGuard } from '@app/advertisers';
import { complexityLimit } from './complexity.plugin';
import { depthLimit } from './depth-limit.rule';
import { formatError } from './format-error';

/**
 * Our own types nest at most 4 deep (topAds > ad > totals > clicks); the standard introspection
 * query that GraphiQL and code generators send nests 13 deep, and must pass.
 */
export const MAX_QUERY_DEPTH = 15;
export const MAX_QUERY_COST = 5_000;

/**
 * GraphQL at /graphql (Apollo on Fastify, code-first schema). Feature modules bring their own
 * resolvers; this module brings the transport, the access guard, the limits and the error
 * format. Import it in exactly the apps that serve GraphQL.
 */
@Module({
  imports: [
    AdvertisersModule,
    GraphQLModule.forRoot<ApolloDriverConfig>({
      driver: ApolloDriver,
      path: '/graphql',
      autoSchemaFile: true,
      sortSchema: true,
      playground: false,
      introspection: true,
      includeStacktraceInErrorResponses: false,
      // The schema is code-first: a resolver whose types do not match it fails at start.
      buildSchemaOptions: { dateScalarMode: 'isoDate' },
      formatError,
      validationRules: [depthLimit(MAX_QUERY_DEPTH)],
      // No HTTP cache hints: every answer is live data. Without the plugin Apollo also skips
      // wrapping every field resolver, which a 720-point series feels.
      plugins: [complexityLimit(MAX_QUERY_COST), ApolloServerPluginCacheControlDisabled()],
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: GraphqlAccessGuard }],
})
export class GraphqlApiModule {}
