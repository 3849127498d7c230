import { AD_PAUSED, AD_REGISTERED, AD_RESUMED, AD_TARGET_CHANGED, AdEvent } from '@app/contracts';
import { AdError, AdErrorCode } from './ad.error';
import { TargetUrlRules, validateTargetUrl } from './target-url';

export interface AdState {
  readonly adId: string;
  readonly advertiserId: string;
  readonly name: string;
  readonly targetUrl: string;
  readonly paused: boolean;
}

/**
 * The Ad aggregate. Methods decide and emit events; state changes only in `when()`, which is
 * also how history is replayed. Pausing a paused ad (or resuming a running one) is a no-op,
 * not an error: retries from a dashboard must be safe.
 */
export class Ad {
  private current?: AdState;
  private readonly pending: AdEvent[] = [];
  /** Revision of the last stored event; undefined for a new ad. */
  private revision?: bigint;

  static fromHistory(events: readonly AdEvent[], revision: bigint): Ad {
    const ad = new Ad();
    events.forEach((e) => ad.when(e));
    ad.revision = revision;
    return ad;
  }

  static register(
    adId: string,
    advertiserId: string,
    name: string,
    targetUrl: string,
    rules: TargetUrlRules,
  ): Ad {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 200) {
      throw new AdError(AdErrorCode.InvalidName, 'name must be 1 to 200 characters');
    }
    const ad = new Ad();
    ad.apply({
      type: AD_REGISTERED,
      data: {
        version: 1,
        adId,
        advertiserId,
        name: trimmed,
        targetUrl: validateTargetUrl(targetUrl, rules),
      },
    });
    return ad;
  }

  get state(): AdState {
    if (!this.current) throw new Error('ad has no history');
    return this.current;
  }

  /** The advertiser that owns the ad (it never changes): what the access rule asks. */
  get advertiserId(): string {
    return this.state.advertiserId;
  }

  get expectedRevision(): bigint | 'no-stream' {
    return this.revision ?? 'no-stream';
  }

  get uncommitted(): readonly AdEvent[] {
    return this.pending;
  }

  changeTarget(targetUrl: string, rules: TargetUrlRules): void {
    const url = validateTargetUrl(targetUrl, rules);
    if (url !== this.state.targetUrl)
      this.apply({
        type: AD_TARGET_CHANGED,
        data: { version: 1, adId: this.state.adId, targetUrl: url },
      });
  }

  pause(): void {
    if (!this.state.paused)
      this.apply({ type: AD_PAUSED, data: { version: 1, adId: this.state.adId } });
  }

  resume(): void {
    if (this.state.paused)
      this.apply({ type: AD_RESUMED, data: { version: 1, adId: this.state.adId } });
  }

  private apply(event: AdEvent): void {
    this.when(event);
    this.pending.push(event);
  }

  private when(event: AdEvent): void {
    this.current = evolveAd(this.current, event);
  }
}

/**
 * An ad's state after one more event: the aggregate replays history with it, and the ad lookup
 * cache follows the log with it, so both read events the same way.
 */
export function evolveAd(state: AdState | undefined, event: AdEvent): AdState {
  if (event.type === AD_REGISTERED)
    return {
      adId: event.data.adId,
      advertiserId: event.data.advertiserId,
      name: event.data.name,
      targetUrl: event.data.targetUrl,
      paused: false,
    };
  if (!state) throw new Error(`${event.type} for ad ${event.data.adId} before AdRegistered`);
  switch (event.type) {
    case AD_TARGET_CHANGED:
      return { ...state, targetUrl: event.data.targetUrl };
    case AD_PAUSED:
      return { ...state, paused: true };
    case AD_RESUMED:
      return { ...state, paused: false };
  }
}
