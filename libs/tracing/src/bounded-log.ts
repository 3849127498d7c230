/**
 * Logs a recurring problem at a bounded rate: the first at once, then at most one line per
 * interval with the count. (The runtime's ThrottledLog does the same; this lib sits below the
 * runtime, which starts tracing, so it cannot import it.)
 */
export class BoundedLog {
  private lastAt = -Infinity;
  private suppressed = 0;
  private latest?: (count: number) => string;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly write: (line: string) => void,
    private readonly intervalMs = 60_000,
  ) {}

  report(describe: (count: number) => string): void {
    const now = Date.now();
    if (now - this.lastAt >= this.intervalMs && this.suppressed === 0) {
      this.lastAt = now;
      this.write(describe(1));
      return;
    }
    this.suppressed++;
    this.latest = describe;
    this.timer ??= setTimeout(
      () => {
        this.timer = undefined;
        const count = this.suppressed;
        this.suppressed = 0;
        this.lastAt = Date.now();
        if (count > 0 && this.latest) this.write(this.latest(count));
      },
      Math.max(0, this.intervalMs - (now - this.lastAt)),
    );
    this.timer.unref();
  }
}
