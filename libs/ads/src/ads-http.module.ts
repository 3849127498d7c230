import { Module } from '@nestjs/common';
import { AdsHttpController } from './ads.http.controller';
import { AdsModule } from './ads.module';

/** REST endpoints for ads (served by the API app). */
@Module({ imports: [AdsModule], controllers: [AdsHttpController] })
export class AdsHttpModule {}
