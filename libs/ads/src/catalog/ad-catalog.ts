import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { AdState } from '../domain/ad.aggregate';
import { AdRepository } from '../domain/ad.repository';

interface Entry {
  ad: AdState | undefined;
  fetchedAt: number;
  refreshing?: Promise<AdState | undefined>;
}

const NEGATIVE_TTL_MS = 1_000;
const MAX_ENTRIES = 100_000;

/**
 * The tracker's view of ads, in memory. A hit costs no I/O; an entry older than AD_CACHE_TTL
 * is still served while one background reload refreshes it (a paused ad or a new target
 * reaches other processes within that TTL; this process's own changes invalidate at once).
 * A miss reads through to the ad's stream, so a freshly registered ad works at once, and
 * concurrent misses for one ad share a single read.
 */
@Injectable()
export class AdCatalog {
  private readonly logger = new Logger(AdCatalog.name);
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(
    @Inject(AdRepository) private readonly ads: AdRepository,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.ttlMs = config.get('AD_CACHE_TTL');
  }

  async get(adId: string): Promise<AdState | undefined> {
    const entry = this.entries.get(adId);
    const now = Date.now();
    if (entry) {
      const ttl = entry.ad ? this.ttlMs : NEGATIVE_TTL_MS;
      if (now - entry.fetchedAt > ttl && !entry.refreshing) {
        if (entry.ad) void this.reload(adId, entry).catch(() => undefined);
        else return this.reload(adId, entry);
      }
      return entry.refreshing && !entry.ad ? entry.refreshing : entry.ad;
    }
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const fresh: Entry = { ad: undefined, fetchedAt: 0 };
    this.entries.set(adId, fresh);
    return this.reload(adId, fresh);
  }

  invalidate(adId: string): void {
    this.entries.delete(adId);
  }

  private reload(adId: string, entry: Entry): Promise<AdState | undefined> {
    entry.refreshing ??= this.ads
      .load(adId)
      .then((ad) => {
        entry.ad = ad?.state;
        entry.fetchedAt = Date.now();
        return entry.ad;
      })
      .catch((error: unknown) => {
        // Keep serving what we had; a cold miss surfaces the error to the caller.
        this.logger.warn(`could not load ad ${adId}: ${(error as Error).message}`);
        if (!entry.ad) this.entries.delete(adId);
        throw error;
      })
      .finally(() => (entry.refreshing = undefined));
    return entry.refreshing;
  }
}
