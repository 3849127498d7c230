import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdLookupCache } from '../ad-lookup/ad-lookup-cache';
import { AdState } from '../domain/ad.aggregate';
import { AdRepository } from '../domain/ad.repository';
import { changeAd } from '../shared/change-ad';
import { ResumeAdCommand } from './resume-ad.command';

@CommandHandler(ResumeAdCommand)
export class ResumeAdHandler implements ICommandHandler<ResumeAdCommand> {
  constructor(
    @Inject(AdRepository) private readonly ads: AdRepository,
    @Inject(AdLookupCache) private readonly lookup: AdLookupCache,
  ) {}

  execute({ context, adId }: ResumeAdCommand): Promise<AdState> {
    return changeAd(this.ads, this.lookup, context, adId, (ad) => ad.resume());
  }
}
