import { Module } from '@nestjs/common';
import { AdvertisersModule } from '@app/advertisers';
import { AdsModule } from './ads.module';
import { ChangeAdTargetResolver } from './change-ad-target/change-ad-target.resolver';
import { PauseAdResolver } from './pause-ad/pause-ad.resolver';
import { RegisterAdResolver } from './register-ad/register-ad.resolver';
import { ResumeAdResolver } from './resume-ad/resume-ad.resolver';

/** GraphQL mutations for ads (served by the API app); the queries are on the read side. */
@Module({
  imports: [AdsModule, AdvertisersModule],
  providers: [RegisterAdResolver, ChangeAdTargetResolver, PauseAdResolver, ResumeAdResolver],
})
export class AdsGraphqlModule {}
