import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdLookupCache } from '../ad-lookup/ad-lookup-cache';
import { AdState } from '../domain/ad.aggregate';
import { AdRepository } from '../domain/ad.repository';
import { changeAd } from '../shared/change-ad';
import { PauseAdCommand } from './pause-ad.command';

@CommandHandler(PauseAdCommand)
export class PauseAdHandler implements ICommandHandler<PauseAdCommand> {
  constructor(
    @Inject(AdRepository) private readonly ads: AdRepository,
    @Inject(AdLookupCache) private readonly lookup: AdLookupCache,
  ) {}

  execute({ context, adId }: PauseAdCommand): Promise<AdState> {
    return changeAd(this.ads, this.lookup, context, adId, (ad) => ad.pause());
  }
}
