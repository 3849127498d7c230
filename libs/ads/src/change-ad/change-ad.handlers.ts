import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { mayAccess } from '@app/access';
import { AppConfig } from '@app/config';
import {
  ChangeAdTargetCommand,
  CommandContext,
  PauseAdCommand,
  ResumeAdCommand,
} from '../commands';
import { AdCatalog } from '../catalog/ad-catalog';
import { Ad, AdState } from '../domain/ad.aggregate';
import { AdError, AdErrorCode } from '../domain/ad.error';
import { AdRepository } from '../domain/ad.repository';
import { TargetUrlRules } from '../domain/target-url';

/** Load, check ownership (someone else's ad is "not found": no hint it exists), decide, save. */
async function changeAd(
  ads: AdRepository,
  catalog: AdCatalog,
  context: CommandContext,
  adId: string,
  decide: (ad: Ad) => void,
): Promise<AdState> {
  const ad = await ads.load(adId);
  if (!ad || !mayAccess(context.principal, ad.state.advertiserId))
    throw new AdError(AdErrorCode.NotFound, `no ad ${adId}`);
  decide(ad);
  await ads.save(ad, { correlationId: context.correlationId, causationId: context.correlationId });
  catalog.invalidate(adId);
  return ad.state;
}

@CommandHandler(ChangeAdTargetCommand)
export class ChangeAdTargetHandler implements ICommandHandler<ChangeAdTargetCommand> {
  private readonly targetRules: TargetUrlRules;

  constructor(
    @Inject(AdRepository) private readonly ads: AdRepository,
    @Inject(AdCatalog) private readonly catalog: AdCatalog,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.targetRules = { allowPrivateHosts: config.adTargetsAllowPrivate };
  }

  execute({ context, adId, targetUrl }: ChangeAdTargetCommand): Promise<AdState> {
    return changeAd(this.ads, this.catalog, context, adId, (ad) =>
      ad.changeTarget(targetUrl, this.targetRules),
    );
  }
}

@CommandHandler(PauseAdCommand)
export class PauseAdHandler implements ICommandHandler<PauseAdCommand> {
  constructor(
    @Inject(AdRepository) private readonly ads: AdRepository,
    @Inject(AdCatalog) private readonly catalog: AdCatalog,
  ) {}

  execute({ context, adId }: PauseAdCommand): Promise<AdState> {
    return changeAd(this.ads, this.catalog, context, adId, (ad) => ad.pause());
  }
}

@CommandHandler(ResumeAdCommand)
export class ResumeAdHandler implements ICommandHandler<ResumeAdCommand> {
  constructor(
    @Inject(AdRepository) private readonly ads: AdRepository,
    @Inject(AdCatalog) private readonly catalog: AdCatalog,
  ) {}

  execute({ context, adId }: ResumeAdCommand): Promise<AdState> {
    return changeAd(this.ads, this.catalog, context, adId, (ad) => ad.resume());
  }
}
