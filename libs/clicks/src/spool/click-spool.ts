import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { FileHandle, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SerialQueue } from './serial-queue';
import { SpoolDirectory } from './spool-directory';
import { SpooledClick } from './spooled-click';

const SEGMENT = /^segment-(\d{12})\.ndjson$/;

/** The spool directory was deleted from outside, with the clicks it held. */
export class SpoolVanished extends Error {
  constructor(
    dir: string,
    readonly lost: number,
  ) {
    super(
      `the spool directory ${dir} was deleted with ${lost} spooled clicks in it; made it again`,
    );
    this.name = 'SpoolVanished';
  }
}

interface PendingWrite {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface ActiveSegment {
  readonly name: string;
  readonly handle: FileHandle;
  /** Bytes known to be whole lines on disk: a failed batch is cut back to here. */
  size: number;
}

/**
 * The tracker's local, append-only safety net: a click the event store cannot take in time is
 * written here and fsynced before the person gets their 302. Writes that arrive together share
 * one write and one fsync (group commit, as for the event store).
 *
 * Like a write-ahead log, the spool is a directory of numbered segments. New clicks go to the
 * active segment; `seal()` closes it, so replay only ever reads segments nobody writes to. Every
 * operation on files runs through one queue, so sealing can never close a file under a write.
 * A batch is acknowledged only when every byte is written and fsynced; a short or failed write
 * is cut back off the file, and if even that fails the segment is sealed, so a torn line can
 * only ever be the last line of a segment, and no acknowledged click sits behind it.
 */
export class ClickSpool {
  private readonly files = new SerialQueue();
  private queue: PendingWrite[] = [];
  private flushQueued = false;
  private active?: ActiveSegment;
  private nextSequence: number;
  private pendingCount = 0;

  readonly dir: string;

  constructor(private readonly directory: SpoolDirectory) {
    const dir = (this.dir = directory.path);
    const existing = this.segments();
    this.nextSequence = existing.length > 0 ? sequenceOf(existing[existing.length - 1]) + 1 : 1;
    // Clicks left by an earlier process (a crash, or a stop while the store was down).
    for (const file of existing) {
      try {
        this.pendingCount += countLines(join(dir, file));
      } catch {
        // Unreadable now (EIO, or not a file): replay will report it; the start must go on.
      }
    }
  }

  /** Clicks in the spool that are not yet known to be in the event store. */
  get pending(): number {
    return this.pendingCount;
  }

  /** Resolves once the line is on disk (fsynced); rejects if it is not, wholly. */
  write(click: SpooledClick): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ line: `${JSON.stringify(click)}\n`, resolve, reject });
      if (!this.flushQueued) {
        this.flushQueued = true;
        void this.files.run(() => this.flush());
      }
    });
  }

  /**
   * Closes the active segment and lists every segment waiting for replay, oldest first. If the
   * directory was deleted under us, it is made again (so the next outage can spool) and
   * SpoolVanished says how many acknowledged clicks went with it.
   */
  seal(): Promise<string[]> {
    return this.files.run(async () => {
      await this.closeActive();
      if (!existsSync(this.dir)) {
        const lost = this.pendingCount;
        this.pendingCount = 0;
        this.directory.restore();
        throw new SpoolVanished(this.dir, lost);
      }
      return this.segments();
    });
  }

  /** A replayed segment is deleted; one already gone (another owner's replay) is no error. */
  async remove(file: string): Promise<void> {
    await unlink(join(this.dir, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }

  markReplayed(count: number): void {
    this.pendingCount = Math.max(0, this.pendingCount - count);
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  /** Closes the active segment and gives the directory up for the next owner. */
  close(): Promise<void> {
    return this.files.run(async () => {
      await this.closeActive();
      this.directory.release();
    });
  }

  private async flush(): Promise<void> {
    this.flushQueued = false;
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    try {
      const segment = await this.openActive();
      const bytes = Buffer.from(batch.map((p) => p.line).join(''));
      try {
        await writeFully(segment.handle, bytes, segment.size);
        await segment.handle.sync();
      } catch (error) {
        await this.cutBack(segment);
        throw error;
      }
      segment.size += bytes.length;
      this.pendingCount += batch.length;
      batch.forEach((p) => p.resolve());
    } catch (error) {
      batch.forEach((p) => p.reject(error));
    }
  }

  /** Removes a partly written batch, so the next batch starts on a line of its own. */
  private async cutBack(segment: ActiveSegment): Promise<void> {
    try {
      await segment.handle.truncate(segment.size);
      await segment.handle.sync();
    } catch {
      // Leave the torn tail where it is and never append behind it: replay reports it.
      await this.closeActive();
    }
  }

  private async openActive(): Promise<ActiveSegment> {
    if (this.active) return this.active;
    // Someone deleted the directory: make it again rather than fail every click from now on.
    if (!existsSync(this.dir)) this.directory.restore();
    const name = `segment-${String(this.nextSequence++).padStart(12, '0')}.ndjson`;
    const handle = await open(join(this.dir, name), 'wx', 0o600);
    try {
      // The new file's directory entry must be durable too, or a crash could lose the file.
      await syncDirectory(this.dir);
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(join(this.dir, name)).catch(() => undefined);
      throw error;
    }
    this.active = { name, handle, size: 0 };
    return this.active;
  }

  private async closeActive(): Promise<void> {
    const active = this.active;
    this.active = undefined;
    if (!active) return;
    await active.handle.close().catch(() => undefined);
    if (active.size === 0) await this.remove(active.name).catch(() => undefined);
  }

  /** Segments other than the one being written, oldest first. */
  private segments(): string[] {
    return readdirSync(this.dir)
      .filter((f) => SEGMENT.test(f) && f !== this.active?.name)
      .sort();
  }
}

async function writeFully(handle: FileHandle, bytes: Buffer, position: number): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(
      bytes,
      offset,
      bytes.length - offset,
      position + offset,
    );
    if (bytesWritten === 0) throw new Error('the spool file took no bytes (disk full?)');
    offset += bytesWritten;
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function sequenceOf(file: string): number {
  return Number(SEGMENT.exec(file)?.[1] ?? 0);
}

/** Newline-terminated lines, counted in fixed-size reads so a large spool costs no memory. */
function countLines(file: string): number {
  const fd = openSync(file, 'r');
  const chunk = Buffer.alloc(1 << 20);
  let lines = 0;
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) return lines;
      for (let i = 0; i < n; i++) if (chunk[i] === 10) lines++;
    }
  } finally {
    closeSync(fd);
  }
}
