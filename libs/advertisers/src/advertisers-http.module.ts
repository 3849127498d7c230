import { Module } from '@nestjs/common';
import { AdvertisersModule } from './advertisers.module';
import { CreateAdvertiserHttpController } from './create-advertiser/create-advertiser.http.controller';

/** The operator's HTTP surface for advertisers (served by the API app). */
@Module({ imports: [AdvertisersModule], controllers: [CreateAdvertiserHttpController] })
export class AdvertisersHttpModule {}
