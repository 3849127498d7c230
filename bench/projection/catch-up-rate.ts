import { Pool } from 'pg';

/**
 * Events per second of a catch-up, read from its checkpoint row (`checkpointSql` answers the
 * events applied so far, or no row) polled every 50 ms until it covers `expected` events. The
 * clock starts at the first progress seen, so the process's start-up (Nest's boot for the
 * product, a few ms for a yardstick) is not counted against either side; a catch-up that
 * finishes before any progress is seen falls back to `startedAt`. Polling both sides the same
 * way keeps the comparison even. `failed` rejects if the process doing the work dies.
 */
export async function catchUpRate(
  pool: Pool,
  checkpointSql: string,
  expected: number,
  startedAt: number,
  failed: Promise<never>,
): Promise<number> {
  let first: { at: number; applied: number } | undefined;
  let stop = false;
  const poll = async (): Promise<number> => {
    while (!stop) {
      const applied = await appliedSoFar(pool, checkpointSql);
      const at = Date.now();
      if (applied >= expected) {
        const from = first ?? { at: startedAt, applied: 0 };
        return (expected - from.applied) / ((at - from.at) / 1000);
      }
      if (applied > 0 && !first) first = { at, applied };
      await new Promise((r) => setTimeout(r, 50));
    }
    return NaN;
  };
  try {
    return await Promise.race([poll(), failed]);
  } finally {
    stop = true;
  }
}

async function appliedSoFar(pool: Pool, sql: string): Promise<number> {
  try {
    const { rows } = await pool.query<{ n: string }>(sql);
    return Number(rows[0]?.n ?? 0);
  } catch (error) {
    // The yardstick creates its checkpoint table when it starts.
    if ((error as { code?: string }).code === '42P01') return 0;
    throw error;
  }
}
