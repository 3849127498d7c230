import { Module } from '@nestjs/common';
import { AdvertisersRepository } from './advertisers.repository';
import { ApiKeyGuard } from './auth/api-key.guard';
import { Authenticator } from './auth/authenticator';
import { CreateAdvertiserHandler } from './create-advertiser/create-advertiser.handler';

/** Advertisers and API-key authentication; any feature that guards routes imports this. */
@Module({
  providers: [AdvertisersRepository, Authenticator, ApiKeyGuard, CreateAdvertiserHandler],
  exports: [AdvertisersRepository, Authenticator, ApiKeyGuard],
})
export class AdvertisersModule {}
