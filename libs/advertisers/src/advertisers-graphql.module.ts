import { Module } from '@nestjs/common';
import { AdvertisersModule } from './advertisers.module';
import { CreateAdvertiserResolver } from './create-advertiser/create-advertiser.resolver';

/** The operator's GraphQL surface for advertisers. */
@Module({ imports: [AdvertisersModule], providers: [CreateAdvertiserResolver] })
export class AdvertisersGraphqlModule {}
