import { Module } from '@nestjs/common';
import { AdvertisersModule } from '@app/advertisers';
import { AdsModule } from './ads.module';
import { ChangeAdTargetHttpController } from './change-ad-target/change-ad-target.http.controller';
import { GetAdHttpController } from './get-ad/get-ad.http.controller';
import { PauseAdHttpController } from './pause-ad/pause-ad.http.controller';
import { RegisterAdHttpController } from './register-ad/register-ad.http.controller';
import { ResumeAdHttpController } from './resume-ad/resume-ad.http.controller';

/** REST endpoints for ads (served by the API app): commands and the query, through the buses. */
@Module({
  imports: [AdsModule, AdvertisersModule],
  controllers: [
    RegisterAdHttpController,
    GetAdHttpController,
    ChangeAdTargetHttpController,
    PauseAdHttpController,
    ResumeAdHttpController,
  ],
})
export class AdsHttpModule {}
