import { Module } from '@nestjs/common';
import { AdvertisersModule } from '@app/advertisers';
import { AdLookupCache } from './ad-lookup/ad-lookup-cache';
import { ChangeAdTargetHandler } from './change-ad-target/change-ad-target.handler';
import { AdRepository } from './domain/ad.repository';
import { GetAdHandler } from './get-ad/get-ad.handler';
import { PauseAdHandler } from './pause-ad/pause-ad.handler';
import { RegisterAdHandler } from './register-ad/register-ad.handler';
import { ResumeAdHandler } from './resume-ad/resume-ad.handler';

/** The Ad aggregate, its command and query handlers, and the in-memory ad lookup cache. */
@Module({
  imports: [AdvertisersModule],
  providers: [
    AdRepository,
    AdLookupCache,
    RegisterAdHandler,
    ChangeAdTargetHandler,
    PauseAdHandler,
    ResumeAdHandler,
    GetAdHandler,
  ],
  exports: [AdLookupCache],
})
export class AdsModule {}
