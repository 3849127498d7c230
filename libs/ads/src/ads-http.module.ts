import { Module } from '@nestjs/common';
import { AdvertisersModule } from '@app/advertisers';
import { AdsHttpController } from './ads.http.controller';
import { AdsModule } from './ads.module';

/** REST endpoints for ads (served by the API app). */
@Module({ imports: [AdsModule, AdvertisersModule], controllers: [AdsHttpController] })
export class AdsHttpModule {}
