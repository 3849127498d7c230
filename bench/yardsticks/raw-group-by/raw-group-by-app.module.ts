import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { AccessModule } from '@app/access';
import { AdvertisersModule } from '@app/advertisers';
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
 * are the product's work: API keys, the query limits, the error format. (The access guard is
 * there because every app must have one; it does not stand before schema-first resolvers.)
 */
@Module({})
export class RawGroupByAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: RawGroupByAppModule,
      imports: [
        ...coreModules(config),
        AccessModule.forRoot({ apiKeys: AdvertisersModule }),
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
