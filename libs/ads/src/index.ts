export { AdsGraphqlModule } from './ads-graphql.module';
export { AdsHttpModule } from './ads-http.module';
export { AdsModule } from './ads.module';
export { AdCatalog } from './catalog/ad-catalog';
export * from './commands';
export { AdState } from './domain/ad.aggregate';
export { AdError, AdErrorCode } from './domain/ad.error';
