import { readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Position } from '@app/event-store';
import { AdState } from '../domain/ad.aggregate';

/** One ad as the cache holds it. */
export interface CachedAd {
  readonly state: AdState;
  /** Revision of the ad's stream this state reflects. */
  readonly revision: bigint;
}

/** Everything the cache holds, and how far into the log it goes. */
export interface CachedAds {
  /** The log position the entries cover (events after it are still to be followed). */
  readonly position: Position | null;
  readonly entries: readonly CachedAd[];
}

interface StoredSnapshot {
  readonly version: 1;
  readonly source: string;
  readonly position: Position | null;
  readonly ads: readonly (AdState & { readonly revision: string })[];
}

/**
 * The ad lookup cache on local disk, written whole and atomically (temporary file, fsync,
 * rename, fsync of the directory), so a crash leaves the previous snapshot or the new one, never
 * half of either. It records which event store it came from: a snapshot of another log is
 * ignored, since its position would mean nothing there.
 */
export class AdLookupSnapshot {
  private saving: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly source: string,
  ) {}

  load(warn: (message: string) => void): CachedAds | undefined {
    let stored: StoredSnapshot;
    try {
      stored = JSON.parse(readFileSync(this.file, 'utf8')) as StoredSnapshot;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        warn(`ignoring the ad snapshot ${this.file}: ${(error as Error).message}`);
      return undefined;
    }
    if (stored.version !== 1 || stored.source !== this.source) {
      warn(`ignoring the ad snapshot ${this.file}: it belongs to another event store`);
      return undefined;
    }
    return {
      position: stored.position,
      entries: stored.ads.map(({ revision, ...state }) => ({ state, revision: BigInt(revision) })),
    };
  }

  /** Saves run one after another; a failure rejects (the caller keeps its state and retries). */
  save(contents: CachedAds): Promise<void> {
    const run = this.saving.then(() => this.write(contents));
    this.saving = run.catch(() => undefined);
    return run;
  }

  private async write(contents: CachedAds): Promise<void> {
    const stored: StoredSnapshot = {
      version: 1,
      source: this.source,
      position: contents.position,
      ads: contents.entries.map((e) => ({ ...e.state, revision: e.revision.toString() })),
    };
    const temporary = `${this.file}.${process.pid}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(stored));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
    const directory = await open(dirname(this.file), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
  }
}
