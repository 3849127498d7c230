/**
 * Logs a recurring problem at a bounded rate: the first occurrence at once, then at most one
 * line per interval saying how many more there were. An outage that hits every request must
 * not turn into a log line per request.
 */
export class ThrottledLog {
  private suppressed = 0;
  private lastAt = -Infinity;
  private flushTimer?: NodeJS.Timeout;

  constructor(
    private readonly write: (line: string) => void,
    private readonly intervalMs = 10_000,
  ) {}

  /** `describe(n)` renders the line for n occurrences (n is 1 for a first, immediate line). */
  report(describe: (count: number) => string): void {
    const now = Date.now();
    if (now - this.lastAt >= this.intervalMs && this.suppressed === 0) {
      this.lastAt = now;
      this.write(describe(1));
      return;
    }
    this.suppressed++;
    this.flushTimer ??= setTimeout(
      () => {
        this.flushTimer = undefined;
        const count = this.suppressed;
        this.suppressed = 0;
        this.lastAt = Date.now();
        if (count > 0) this.write(describe(count));
      },
      Math.max(0, this.intervalMs - (now - this.lastAt)),
    );
    this.flushTimer.unref();
  }
}
