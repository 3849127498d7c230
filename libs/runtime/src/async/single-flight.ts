/**
 * Shares one run of `work` among everyone who asks while it is in flight. Probes of a stalled
 * database then cost one connection, however often health checks and scrapes come.
 */
export class SingleFlight<T> {
  private inFlight?: Promise<T>;

  run(work: () => Promise<T>): Promise<T> {
    this.inFlight ??= work().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }
}
