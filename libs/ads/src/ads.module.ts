import { Module } from '@nestjs/common';
import { AdvertisersModule } from '@app/advertisers';
import { AdCatalog } from './catalog/ad-catalog';
import {
  ChangeAdTargetHandler,
  PauseAdHandler,
  ResumeAdHandler,
} from './change-ad/change-ad.handlers';
import { AdRepository } from './domain/ad.repository';
import { RegisterAdHandler } from './register-ad/register-ad.handler';

/** The Ad aggregate, its command handlers and the in-memory catalog the tracker reads. */
@Module({
  imports: [AdvertisersModule],
  providers: [
    AdRepository,
    AdCatalog,
    RegisterAdHandler,
    ChangeAdTargetHandler,
    PauseAdHandler,
    ResumeAdHandler,
  ],
  exports: [AdCatalog, AdRepository],
})
export class AdsModule {}
