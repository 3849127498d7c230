import { Module } from '@nestjs/common';
import { AdvertisersRepository } from './advertisers.repository';
import { ApiKeyRateLimiter } from './auth/api-key-rate-limiter';
import { ApiKeyGuard } from './auth/api-key.guard';
import { AuthFailureLimiter } from './auth/auth-failure-limiter';
import { Authenticator } from './auth/authenticator';
import { GraphqlAccessGuard } from './auth/graphql-access.guard';
import { CreateAdvertiserHandler } from './create-advertiser/create-advertiser.handler';

/** Advertisers and API-key authentication; any feature that guards routes imports this. */
@Module({
  providers: [
    AdvertisersRepository,
    Authenticator,
    AuthFailureLimiter,
    ApiKeyRateLimiter,
    ApiKeyGuard,
    GraphqlAccessGuard,
    CreateAdvertiserHandler,
  ],
  exports: [
    AdvertisersRepository,
    Authenticator,
    AuthFailureLimiter,
    ApiKeyRateLimiter,
    ApiKeyGuard,
    GraphqlAccessGuard,
  ],
})
export class AdvertisersModule {}
