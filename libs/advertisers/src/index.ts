export { AdvertisersGraphqlModule } from './advertisers-graphql.module';
export { AdvertisersHttpModule } from './advertisers-http.module';
export { AdvertisersModule } from './advertisers.module';
export { AdvertisersRepository } from './advertisers.repository';
export { AdminOnly, ApiKeyGuard } from './auth/api-key.guard';
export { Authenticator } from './auth/authenticator';
export { CurrentPrincipal } from './auth/current-principal.decorator';
export { Access, AccessRule, GraphqlAccessGuard } from './auth/graphql-access.guard';
export { mayAccess, Principal } from './auth/principal';
export {
  CreateAdvertiserCommand,
  CreatedAdvertiser,
} from './create-advertiser/create-advertiser.command';
