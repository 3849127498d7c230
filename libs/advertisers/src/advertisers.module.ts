import { Module } from '@nestjs/common';
import { API_KEY_LOOKUP } from '@app/access';
import { AdvertisersRepository } from './advertisers.repository';
import { CreateAdvertiserHandler } from './create-advertiser/create-advertiser.handler';

/**
 * Advertisers and their API keys' storage. It provides API_KEY_LOOKUP for @app/access, which
 * every app's AccessModule imports this module for.
 */
@Module({
  providers: [
    AdvertisersRepository,
    { provide: API_KEY_LOOKUP, useExisting: AdvertisersRepository },
    CreateAdvertiserHandler,
  ],
  exports: [AdvertisersRepository, API_KEY_LOOKUP],
})
export class AdvertisersModule {}
