import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { AD_EVENT_TYPES, AdEvent, isAdEvent } from '@app/contracts';
import { EventStore, Position } from '@app/event-store';
import { withTimeout } from '@app/runtime';
import { AdState, evolveAd } from '../domain/ad.aggregate';
import { AdRepository } from '../domain/ad.repository';
import { AdLookupSnapshot, CachedAd } from './ad-lookup-snapshot';

const NEGATIVE_TTL_MS = 1_000;
/** How often a changed cache is written to its local snapshot. */
const SNAPSHOT_EVERY_MS = 1_000;
/** Lookups that are not bounded by a click's own deadline (minting, say). */
const DEFAULT_LOOKUP_TIMEOUT_MS = 5_000;
/**
 * The snapshot's name under DATA_DIR, kept from when this class was the "ad catalog": a tracker
 * upgraded in place must find the snapshot it wrote before, or it would start blind while the
 * store is down. The README names the file too.
 */
const SNAPSHOT_FILE = 'ad-catalog.json';

/**
 * Every ad, in memory, as a redirect and impression minting need it (target, paused, owner),
 * kept current by following the ad events in the log, and saved to a durable local snapshot
 * (with the log position it covers). A tracker restarted while the store is down or stalled
 * still redirects, from the snapshot, for every ad it knew; when the store is back it follows
 * the log from the snapshot's position. A hit costs no I/O. A miss (an ad registered a moment
 * ago) reads the ad's stream, bounded by the caller's timeout; concurrent misses share a read.
 */
@Injectable()
export class AdLookupCache implements OnModuleDestroy {
  private readonly logger = new Logger(AdLookupCache.name);
  private readonly entries = new Map<string, CachedAd>();
  private readonly misses = new Map<string, Promise<CachedAd | undefined>>();
  private readonly unknown = new Map<string, number>();
  private readonly snapshot: AdLookupSnapshot;
  private readonly following = new AbortController();
  private position: Position | null = null;
  private dirty = false;
  private started?: Promise<void>;
  private snapshotTimer?: NodeJS.Timeout;

  constructor(
    @Inject(AdRepository) private readonly ads: AdRepository,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.snapshot = new AdLookupSnapshot(
      join(config.get('DATA_DIR'), SNAPSHOT_FILE),
      eventStoreIdentity(config),
    );
  }

  /** Loads the snapshot and starts following the log; idempotent. Lookups call it too. */
  start(): void {
    if (this.started) return;
    const saved = this.snapshot.load((message) => this.logger.warn(message));
    if (saved) {
      for (const entry of saved.entries) this.entries.set(entry.state.adId, entry);
      this.position = saved.position;
      this.logger.log(`${saved.entries.length} ads from the local snapshot`);
    }
    this.started = this.follow();
    this.snapshotTimer = setInterval(() => void this.save(), SNAPSHOT_EVERY_MS);
    this.snapshotTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.following.abort();
    clearInterval(this.snapshotTimer);
    await this.started;
    await this.save();
  }

  /** The ad, undefined if it does not exist; rejects if it cannot be found out within the timeout. */
  async get(adId: string, timeoutMs = DEFAULT_LOOKUP_TIMEOUT_MS): Promise<AdState | undefined> {
    this.start();
    const known = this.entries.get(adId);
    if (known) return known.state;
    const unknownSince = this.unknown.get(adId);
    if (unknownSince !== undefined && Date.now() - unknownSince < NEGATIVE_TTL_MS) return undefined;
    let miss = this.misses.get(adId);
    if (!miss) {
      miss = this.readThrough(adId).finally(() => this.misses.delete(adId));
      this.misses.set(adId, miss);
    }
    return (await withTimeout(miss, timeoutMs, `looking up ad ${adId}`))?.state;
  }

  /** This process changed the ad: read it afresh on the next lookup. */
  invalidate(adId: string): void {
    this.entries.delete(adId);
    this.unknown.delete(adId);
  }

  private async readThrough(adId: string): Promise<CachedAd | undefined> {
    const ad = await this.ads.load(adId);
    if (!ad) {
      this.unknown.set(adId, Date.now());
      return undefined;
    }
    const revision = ad.expectedRevision === 'no-stream' ? -1n : ad.expectedRevision;
    const entry = { state: ad.state, revision };
    this.remember(entry);
    return entry;
  }

  /** Follows the ad events for as long as the process runs (the store retries by itself). */
  private async follow(): Promise<void> {
    try {
      for await (const event of this.store.subscribeToAll({
        from: this.position,
        eventTypes: AD_EVENT_TYPES,
        signal: this.following.signal,
      })) {
        if (isAdEvent(event)) this.apply(event as unknown as AdEvent, event.revision);
        this.position = event.position;
        this.dirty = true;
      }
    } catch (error) {
      if (!this.following.signal.aborted)
        this.logger.error(`stopped following ad events: ${(error as Error).message}`);
    }
  }

  private apply(event: AdEvent, revision: bigint): void {
    const current = this.entries.get(event.data.adId);
    // A read-through may already hold this revision or a later one.
    if (current && current.revision >= revision) return;
    if (!current && event.type !== 'AdRegistered') return; // read through when first needed
    this.remember({ state: evolveAd(current?.state, event), revision });
  }

  private remember(entry: CachedAd): void {
    const current = this.entries.get(entry.state.adId);
    if (current && current.revision >= entry.revision) return;
    this.entries.set(entry.state.adId, entry);
    this.unknown.delete(entry.state.adId);
    this.dirty = true;
  }

  private async save(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    try {
      await this.snapshot.save({ position: this.position, entries: [...this.entries.values()] });
    } catch (error) {
      this.dirty = true;
      this.logger.warn(`could not save the ad snapshot: ${(error as Error).message}`);
    }
  }
}

/** Which log a snapshot's position refers to (hashed: the URLs may hold passwords). */
function eventStoreIdentity(config: AppConfig): string {
  const url = config.get('EVENTSTORE_URL') ?? config.get('DATABASE_URL') ?? 'embedded';
  return createHash('sha256').update(url).digest('base64url');
}
