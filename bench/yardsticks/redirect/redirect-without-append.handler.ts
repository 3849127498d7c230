import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AppConfig } from '@app/config';
import {
  CLICK_RECORDED,
  ClickRecordedData,
  clickStreamId,
  uuidV5,
  verifyClickToken,
} from '@app/contracts';
import { deviceClass, userKey } from './visitor';
import { RedirectOutcome, RedirectWithoutAppendCommand } from './redirect-without-append.command';
import { YardstickAds } from './yardstick-ads';

/**
 * The tracker's redirect work, step for step, up to the append: verify the token's HMAC, look
 * the ad up in memory, classify the user agent, derive the user key, build the ClickRecorded
 * event with its deterministic id. Then it redirects without appending, so the tracker's
 * durable clicks/s over this one's requests/s is what recording costs.
 */
@CommandHandler(RedirectWithoutAppendCommand)
export class RedirectWithoutAppendHandler implements ICommandHandler<RedirectWithoutAppendCommand> {
  private readonly verifying: ReadonlyMap<string, Buffer>;
  private readonly userKeySecret: Buffer;

  constructor(
    @Inject(YardstickAds) private readonly ads: YardstickAds,
    @Inject(AppConfig) config: AppConfig,
  ) {
    // The same keys from the same configuration as the tracker's ClickSigningKeys.
    const keys = config.secrets.signingKeys;
    this.verifying = new Map(keys.map((k) => [k.kid, k.secret]));
    this.userKeySecret = keys[0].secret;
  }

  async execute({ request }: RedirectWithoutAppendCommand): Promise<RedirectOutcome> {
    const now = new Date();
    const verified = verifyClickToken(
      request.token,
      this.verifying,
      Math.floor(now.getTime() / 1000),
    );
    if (!verified.ok) return { kind: 'refused', status: 400, page: 'This link is not valid.' };
    const { claims } = verified;
    const ad = await this.ads.get(claims.adId);
    if (!ad) return { kind: 'refused', status: 404, page: 'This ad no longer exists.' };
    if (verified.expired) return { kind: 'redirect', location: ad.targetUrl };

    const device = deviceClass(request.userAgent);
    const data: ClickRecordedData = {
      version: 1,
      impressionId: claims.impressionId,
      adId: ad.adId,
      advertiserId: ad.advertiserId,
      clickedAt: now.toISOString(),
      userKey: userKey({
        userId: claims.userId,
        ip: request.ip,
        userAgent: request.userAgent,
        at: now,
        secret: this.userKeySecret,
      }),
      country: claims.country ?? null,
      device,
      bot: device === 'bot',
      placement: claims.placement ?? null,
      adPaused: ad.paused,
    };
    const streamId = clickStreamId(claims.impressionId);
    return {
      kind: 'redirect',
      location: ad.targetUrl,
      event: {
        eventId: uuidV5(streamId),
        type: CLICK_RECORDED,
        data: { ...data },
        metadata: { correlationId: request.correlationId, causationId: request.correlationId },
      },
    };
  }
}
