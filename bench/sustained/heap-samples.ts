/**
 * V8 heap in use now, in MiB, from the app's own /metrics (prom-client's default
 * `nodejs_heap_size_used_bytes`), or null when it does not answer. Read from outside, as an
 * operator's Prometheus would: nothing in the product serves the bench.
 */
export async function heapUsedMiB(baseUrl: string): Promise<number | null> {
  try {
    const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) return null;
    const bytes = /^nodejs_heap_size_used_bytes (\S+)$/m.exec(await response.text())?.[1];
    return bytes === undefined ? null : Number(bytes) / 2 ** 20;
  } catch {
    return null;
  }
}
