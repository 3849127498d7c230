import { Module } from '@nestjs/common';
import { AdvertisersRepository } from './advertisers.repository';
import { ApiKeyGuard } from './auth/api-key.guard';
import { Authenticator } from './auth/authenticator';
import { GraphqlAccessGuard } from './auth/graphql-access.guard';
import { CreateAdvertiserHandler } from './create-advertiser/create-advertiser.handler';

/** Advertisers and API-key authentication; any feature that guards routes imports this. */
@Module({
  providers: [
    AdvertisersRepository,
    Authenticator,
    ApiKeyGuard,
    GraphqlAccessGuard,
    CreateAdvertiserHandler,
  ],
  exports: [AdvertisersRepository, Authenticator, ApiKeyGuard, GraphqlAccessGuard],
})
export class AdvertisersModule {}
