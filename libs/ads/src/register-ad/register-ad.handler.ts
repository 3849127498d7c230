import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdvertisersRepository } from '@app/advertisers';
import { AppConfig } from '@app/config';
import { Ad, AdState } from '../domain/ad.aggregate';
import { AdError, AdErrorCode } from '../domain/ad.error';
import { AdRepository } from '../domain/ad.repository';
import { TargetUrlRules } from '../domain/target-url';
import { RegisterAdCommand } from './register-ad.command';

@CommandHandler(RegisterAdCommand)
export class RegisterAdHandler implements ICommandHandler<RegisterAdCommand> {
  private readonly targetRules: TargetUrlRules;

  constructor(
    @Inject(AdRepository) private readonly ads: AdRepository,
    @Inject(AdvertisersRepository) private readonly advertisers: AdvertisersRepository,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.targetRules = { allowPrivateHosts: config.adTargetsAllowPrivate };
  }

  async execute({ context, input }: RegisterAdCommand): Promise<AdState> {
    const { principal } = context;
    let advertiserId: string;
    if (principal.kind === 'advertiser') {
      // An advertiser registers for itself; naming another advertiser is not allowed.
      if (input.advertiserId && input.advertiserId !== principal.advertiserId) {
        throw new AdError(
          AdErrorCode.UnknownAdvertiser,
          'advertiserId must be your own (or omitted)',
        );
      }
      advertiserId = principal.advertiserId;
    } else {
      if (!input.advertiserId)
        throw new AdError(
          AdErrorCode.UnknownAdvertiser,
          'advertiserId is required with the admin key',
        );
      if (!(await this.advertisers.exists(input.advertiserId))) {
        throw new AdError(AdErrorCode.UnknownAdvertiser, `no advertiser ${input.advertiserId}`);
      }
      advertiserId = input.advertiserId;
    }
    const ad = Ad.register(
      randomUUID(),
      advertiserId,
      input.name,
      input.targetUrl,
      this.targetRules,
    );
    await this.ads.save(ad, {
      correlationId: context.correlationId,
      causationId: context.correlationId,
    });
    return ad.state;
  }
}
