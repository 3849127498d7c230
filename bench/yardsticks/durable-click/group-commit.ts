import { Pool } from 'pg';

interface Waiting {
  readonly row: Record<string, unknown>;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The yardstick's own group commit, a few lines on purpose: rows wait until the event loop has
 * taken every request that was ready (setImmediate), then go out as one INSERT, its own
 * transaction; at most `inFlight` batches at a time, the rest gather for the next. A row's
 * promise settles when its batch has committed (fsync and synchronous_commit on).
 */
export class GroupCommit {
  private waiting: Waiting[] = [];
  private writing = 0;
  private scheduled = false;

  constructor(
    private readonly pool: Pool,
    private readonly sql: string,
    private readonly inFlight = 2,
  ) {}

  add(row: Record<string, unknown>): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.writing >= this.inFlight || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.writing >= this.inFlight || this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    this.writing++;
    try {
      await this.pool.query(this.sql, [JSON.stringify(batch.map((w) => w.row))]);
      for (const w of batch) w.resolve();
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      this.writing--;
      this.schedule();
    }
  }
}
