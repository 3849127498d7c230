import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AdLookupCache } from '@app/ads';
import { AppConfig } from '@app/config';
import {
  CLICK_RECORDED,
  ClickRecordedData,
  clickStreamId,
  uuidV5,
  verifyClickToken,
} from '@app/contracts';
import { EventRejected, EventStore, NewEvent } from '@app/event-store';
import { ThrottledLog, TimeoutError, withTimeout } from '@app/runtime';
import { withTraceContext } from '@app/tracing';
import { ClickMetrics } from '../click-metrics';
import { ClickSigningKeys } from '../click-signing-keys';
import { ClickSpool } from '../spool/click-spool';
import { clickLane } from '../traffic-facts/click-lane';
import { DatacenterRanges } from '../traffic-facts/datacenter-ranges';
import { referrerHost, storedUserAgent } from '../traffic-facts/request-facts';
import { userKey } from '../visitor/user-key';
import { ClickOutcome, RecordClickCommand } from './record-click.command';

/**
 * Verify, look the ad up (in memory), append ClickRecorded to click-<impressionId> (or its
 * `.screened` twin for a request that looks automated: see ClickLane) with "no stream",
 * redirect. The person is redirected whatever happens to the store: if the lookup and the
 * append do not finish within APPEND_TIMEOUT_MS together, the click is fsynced to the local
 * spool first. Only an ad the tracker has never seen, while the store cannot answer,
 * gets the "try again" page: there is nowhere to send the person.
 */
@CommandHandler(RecordClickCommand)
export class RecordClickHandler
  implements ICommandHandler<RecordClickCommand>, OnApplicationBootstrap
{
  private readonly logger = new Logger(RecordClickHandler.name);
  private readonly lostLog = new ThrottledLog((line) => this.logger.error(line));
  private readonly appendTimeoutMs: number;

  constructor(
    @Inject(ClickSigningKeys) private readonly keys: ClickSigningKeys,
    @Inject(AdLookupCache) private readonly adLookup: AdLookupCache,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ClickSpool) private readonly spool: ClickSpool,
    @Inject(ClickMetrics) private readonly metrics: ClickMetrics,
    @Inject(DatacenterRanges) private readonly datacenters: DatacenterRanges,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.appendTimeoutMs = config.get('APPEND_TIMEOUT_MS');
  }

  /** Loads the ad snapshot and follows the log from the start, not on the first click. */
  onApplicationBootstrap(): void {
    this.adLookup.start();
  }

  async execute({ request }: RecordClickCommand): Promise<ClickOutcome> {
    const now = new Date();
    const deadline = now.getTime() + this.appendTimeoutMs;
    const verified = verifyClickToken(
      request.token,
      this.keys.verifying,
      Math.floor(now.getTime() / 1000),
    );
    if (!verified.ok) return this.reject(verified.reason);
    const { claims } = verified;

    let ad;
    try {
      ad = await this.adLookup.get(claims.adId, this.appendTimeoutMs);
    } catch {
      return this.reject('unavailable');
    }
    if (!ad) return this.reject('unknown-ad');
    const location = ad.targetUrl;

    // Link previews and crawlers send HEAD; an expired link still takes the person where it points.
    if (request.method === 'HEAD') return this.notRecorded('head', location);
    if (verified.expired) return this.notRecorded('expired', location);

    // Facts only (version 2): bot, device, browser and validity are judged by the projection.
    // `satisfies` keeps the literal's own type, which NewEvent's data accepts without a copy.
    const data = {
      version: 2,
      impressionId: claims.impressionId,
      adId: ad.adId,
      advertiserId: ad.advertiserId,
      clickedAt: now.toISOString(),
      userKey: userKey({
        userId: claims.userId,
        ip: request.ip,
        userAgent: request.userAgent,
        at: now,
        secret: this.keys.userKeySecret,
      }),
      country: claims.country ?? null,
      placement: claims.placement ?? null,
      adPaused: ad.paused,
      userAgent: storedUserAgent(request.userAgent),
      referrerHost: referrerHost(request.referer),
      declaredPurpose: request.declaredPurpose,
      // The address is classed here and dropped: only the class is stored.
      addressClass: this.datacenters.classify(request.ip),
      msSinceMint: claims.issuedAt === undefined ? null : now.getTime() - claims.issuedAt,
    } satisfies ClickRecordedData;
    const streamId = clickStreamId(claims.impressionId, clickLane(data));
    const event: NewEvent = {
      eventId: uuidV5(streamId),
      type: CLICK_RECORDED,
      data,
      // The click's cause is the request itself: causationId would repeat correlationId in every
      // stored click (EventMetadata says a missing causationId is the correlationId). With
      // tracing on, the redirect span's traceparent too, for the projection to link back to.
      metadata: withTraceContext({ correlationId: request.correlationId }),
    };
    return { kind: await this.append(streamId, event, deadline - Date.now()), location };
  }

  private async append(
    streamId: string,
    event: NewEvent,
    timeoutMs: number,
  ): Promise<'recorded' | 'duplicate' | 'spooled' | 'lost'> {
    try {
      // The lookup took the whole budget (a stalled store): straight to the spool.
      if (timeoutMs <= 0) throw new TimeoutError('event store append', 0);
      const result = await withTimeout(
        this.store.append(streamId, [event], 'no-stream'),
        timeoutMs,
        'event store append',
      );
      if (result.outcome === 'appended') {
        this.metrics.recorded.inc();
        return 'recorded';
      }
      this.metrics.duplicates.inc();
      return 'duplicate';
    } catch (error) {
      if (error instanceof EventRejected) {
        // Spooling it would only stall the replay behind it: the store will never take it.
        this.metrics.lost.inc();
        this.lostLog.report((count) => `${count} click(s) lost: ${error.message}`);
        return 'lost';
      }
      // The append may still commit later; the replay of this spooled copy is then a no-op.
      try {
        await this.spool.write({ streamId, event });
        this.metrics.spooled.inc();
        return 'spooled';
      } catch (spoolError) {
        this.metrics.lost.inc();
        this.lostLog.report(
          (count) =>
            `${count} click(s) lost: the event store (${(error as Error).message}) and the spool (${(spoolError as Error).message}) both failed`,
        );
        return 'lost';
      }
    }
  }

  private reject(reason: Extract<ClickOutcome, { kind: 'rejected' }>['reason']): ClickOutcome {
    this.metrics.rejected.inc({ reason });
    return { kind: 'rejected', reason };
  }

  private notRecorded(reason: 'expired' | 'head', location: string): ClickOutcome {
    this.metrics.notRecorded.inc({ reason });
    return { kind: 'not-recorded', reason, location };
  }
}
