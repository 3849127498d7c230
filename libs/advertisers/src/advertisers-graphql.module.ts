import { Module } from '@nestjs/common';
import { AdvertisersModule } from './advertisers.module';
import { CreateAdvertiserResolver } from './create-advertiser/create-advertiser.resolver';
import { ViewerResolver } from './viewer/viewer.resolver';

/** The GraphQL surface for advertisers: the operator creates them; any key asks who it is. */
@Module({ imports: [AdvertisersModule], providers: [CreateAdvertiserResolver, ViewerResolver] })
export class AdvertisersGraphqlModule {}
