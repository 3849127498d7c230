const TIMEOUT = Symbol('timeout');

/**
 * Groups an async stream into batches of at most `maxCount`, closing a batch `maxWaitMs`
 * after its first item arrived. Waits without limit for the first item of a batch, so an idle
 * log costs nothing. An item being awaited when a batch closes is kept for the next batch.
 */
export async function* batched<T>(
  source: AsyncIterable<T>,
  maxCount: number,
  maxWaitMs: number,
): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | undefined;
  try {
    for (;;) {
      const batch: T[] = [];
      let timer: NodeJS.Timeout | undefined;
      let timeout: Promise<typeof TIMEOUT> | undefined;
      try {
        while (batch.length < maxCount) {
          pending ??= iterator.next();
          const result = timeout ? await Promise.race([pending, timeout]) : await pending;
          if (result === TIMEOUT) break;
          pending = undefined;
          if (result.done) {
            if (batch.length > 0) yield batch;
            return;
          }
          batch.push(result.value);
          timeout ??= new Promise(
            (resolve) => (timer = setTimeout(() => resolve(TIMEOUT), maxWaitMs)),
          );
        }
      } finally {
        clearTimeout(timer);
      }
      yield batch;
    }
  } finally {
    await iterator.return?.();
  }
}
