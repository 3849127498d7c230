/**
 * Runs async operations one at a time, in the order they were queued. A failing operation
 * rejects its own caller only; the queue goes on with the next.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(operation, operation);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
