export { AdvertisersGraphqlModule } from './advertisers-graphql.module';
export { AdvertisersHttpModule } from './advertisers-http.module';
export { AdvertisersModule } from './advertisers.module';
export { AdvertisersRepository } from './advertisers.repository';
export {
  CreateAdvertiserCommand,
  CreatedAdvertiser,
} from './create-advertiser/create-advertiser.command';
