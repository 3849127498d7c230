import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppConfig } from '@app/config';
import { AdLookupCache } from '../ad-lookup/ad-lookup-cache';
import { AdState } from '../domain/ad.aggregate';
import { AdRepository } from '../domain/ad.repository';
import { TargetUrlRules } from '../domain/target-url';
import { changeAd } from '../shared/change-ad';
import { ChangeAdTargetCommand } from './change-ad-target.command';

@CommandHandler(ChangeAdTargetCommand)
export class ChangeAdTargetHandler implements ICommandHandler<ChangeAdTargetCommand> {
  private readonly targetRules: TargetUrlRules;

  constructor(
    @Inject(AdRepository) private readonly ads: AdRepository,
    @Inject(AdLookupCache) private readonly lookup: AdLookupCache,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.targetRules = { allowPrivateHosts: config.adTargetsAllowPrivate };
  }

  execute({ context, adId, targetUrl }: ChangeAdTargetCommand): Promise<AdState> {
    return changeAd(this.ads, this.lookup, context, adId, (ad) =>
      ad.changeTarget(targetUrl, this.targetRules),
    );
  }
}
