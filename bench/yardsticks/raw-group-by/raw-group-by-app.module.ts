import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig } from '@app/config';
import { coreModules, HealthModule } from '@app/runtime';
import { Pool } from 'pg';
import { rawGroupByResolvers } from './raw-group-by.resolvers';
import { RAW_GROUP_BY_SCHEMA } from './raw-group-by.schema';

/**
 * The api app's transport without the product behind it: the same bootstrap and core modules,
 * Apollo on Fastify at /graphql with the request options of the product's GraphqlApiModule
 * that every request goes through (no persisted queries, no batching, no cache-control
 * wrapping of each field), answering from the raw clicks. Left out on purpose, because they
 * are the product's work: API keys and the access guard, the query limits, the error format.
 */
@Module({})
export class RawGroupByAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: RawGroupByAppModule,
      imports: [
        ...coreModules(config),
        HealthModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [Pool],
          useFactory: (pool: Pool): ApolloDriverConfig => ({
            path: '/graphql',
            typeDefs: RAW_GROUP_BY_SCHEMA,
            resolvers: rawGroupByResolvers(pool),
            playground: false,
            persistedQueries: false,
            includeStacktraceInErrorResponses: false,
            allowBatchedHttpRequests: false,
            plugins: [ApolloServerPluginCacheControlDisabled()],
          }),
        }),
      ],
    };
  }
}
