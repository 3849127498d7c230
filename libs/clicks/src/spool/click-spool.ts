import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { FileHandle, open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { SpooledClick } from './spooled-click';

const ACTIVE = 'clicks.ndjson';
const REPLAY_PREFIX = 'replay-';

interface PendingWrite {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The tracker's local, append-only safety net: a click the event store cannot take in time is
 * written here and fsynced before the person gets their 302. Writes that arrive together
 * share one write and one fsync (group commit, as for the event store).
 *
 * For replay the active file is rotated to `replay-<time>.ndjson` (new clicks go to a fresh
 * file meanwhile); a replay file is deleted only once every line in it is in the event store.
 * One spool directory belongs to one tracker process.
 */
export class ClickSpool {
  private handle?: FileHandle;
  private queue: PendingWrite[] = [];
  private writing?: Promise<void>;
  private pendingCount: number;

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    // Clicks left by an earlier process (crash, or a stop while the store was down).
    this.pendingCount = [ACTIVE, ...this.replayFiles()].reduce(
      (n, f) => n + this.readLines(f).length,
      0,
    );
  }

  /** Clicks in the spool that are not yet known to be in the event store. */
  get pending(): number {
    return this.pendingCount;
  }

  /** Resolves once the line is on disk (fsynced). */
  write(click: SpooledClick): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ line: `${JSON.stringify(click)}\n`, resolve, reject });
      this.writing ??= this.flush();
    });
  }

  /** Moves the active file aside for replay and lists every file waiting for replay, oldest first. */
  async rotateForReplay(): Promise<string[]> {
    await this.writing;
    if (this.handle) {
      await this.handle.close();
      this.handle = undefined;
    }
    if (this.readLines(ACTIVE).length > 0) {
      await rename(
        join(this.dir, ACTIVE),
        join(this.dir, `${REPLAY_PREFIX}${Date.now()}-${process.pid}.ndjson`),
      );
    }
    return this.replayFiles();
  }

  /** The clicks in a replay file; a torn last line (a crash mid-write, never acknowledged) is skipped. */
  readReplayFile(file: string): SpooledClick[] {
    const clicks: SpooledClick[] = [];
    for (const line of this.readLines(file)) {
      try {
        clicks.push(JSON.parse(line) as SpooledClick);
      } catch {
        // Only the last line can be torn, and its click never got a 302.
      }
    }
    return clicks;
  }

  markReplayed(count: number): void {
    this.pendingCount = Math.max(0, this.pendingCount - count);
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  async close(): Promise<void> {
    await this.writing;
    await this.handle?.close();
    this.handle = undefined;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0);
      try {
        this.handle ??= await open(join(this.dir, ACTIVE), 'a');
        await this.handle.write(batch.map((p) => p.line).join(''));
        await this.handle.sync();
        this.pendingCount += batch.length;
        batch.forEach((p) => p.resolve());
      } catch (error) {
        batch.forEach((p) => p.reject(error));
      }
    }
    this.writing = undefined;
  }

  private replayFiles(): string[] {
    return readdirSync(this.dir)
      .filter((f) => f.startsWith(REPLAY_PREFIX) && f.endsWith('.ndjson'))
      .sort();
  }

  private readLines(file: string): string[] {
    try {
      return readFileSync(join(this.dir, file), 'utf8')
        .split('\n')
        .filter((l) => l.length > 0);
    } catch {
      return [];
    }
  }
}
