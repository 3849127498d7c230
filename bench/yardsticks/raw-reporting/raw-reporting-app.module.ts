import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { AppConfig } from '@app/config';
import { coreModules, HealthModule } from '@app/runtime';
import { RawClickSeriesResolver } from './raw-click-series.resolver';
import { RawClickTotalsResolver } from './raw-click-totals.resolver';
import { RawTopAdsResolver } from './raw-top-ads.resolver';

/**
 * Composed as the api app is (the same core modules, the product's bootstrap), serving
 * GraphQL at /graphql with the transport options of the product's GraphqlApiModule that shape
 * every request: Apollo on Fastify, code-first, ISO dates, no cache-control field wrapping.
 * Left out, because they are the product's work rather than the transport's: API keys and the
 * access guard, the query-cost and shape limits, the error format, freshness. So the product
 * side carries them and the raw side does not: ratios err in the raw side's favour.
 */
@Module({})
export class RawReportingAppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: RawReportingAppModule,
      imports: [
        ...coreModules(config),
        HealthModule,
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: ApolloDriver,
          path: '/graphql',
          autoSchemaFile: true,
          sortSchema: true,
          playground: false,
          persistedQueries: false,
          includeStacktraceInErrorResponses: false,
          allowBatchedHttpRequests: false,
          buildSchemaOptions: { dateScalarMode: 'isoDate' },
          plugins: [ApolloServerPluginCacheControlDisabled()],
        }),
      ],
      providers: [RawClickSeriesResolver, RawClickTotalsResolver, RawTopAdsResolver],
    };
  }
}
