export { AdvertisersGraphqlModule } from './advertisers-graphql.module';
export { AdvertisersHttpModule } from './advertisers-http.module';
export { AdvertisersModule } from './advertisers.module';
export { AdvertisersRepository } from './advertisers.repository';
export { AdvertiserType } from './create-advertiser/created-advertiser.type';
export {
  CreateAdvertiserCommand,
  CreatedAdvertiser,
} from './create-advertiser/create-advertiser.command';
