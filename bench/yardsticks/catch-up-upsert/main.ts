import { parseClickRecorded } from '@app/contracts';
import { Pool } from 'pg';
import { ClickCounts } from './click-counts';
import { judge } from './judge';
import { judgeRepeats } from './repeat-rule';
import { CHECKPOINT_TABLE, SCHEMA, upsertCounts } from './upsert-counts';

// Y1 of the projection bench (bench/projection/): a minimal catch-up projector over the
// product's log, started by the bench as a process of its own, never by the product. It
// follows the product's reading rule (commit order, nothing at or past the oldest open
// transaction), reads each event through the contract's parser, judges it by the product's
// rules at their defaults (the same isbot and bowser), and writes every row the product's
// click-buckets projection writes, with the repeat rule's memory, counted without sketches:
// each 2,000-event page in one transaction with its checkpoint. The bench checks that its
// rows equal the product's. It prints one JSON line and exits once it has applied
// EXPECTED_EVENTS.

const PAGE = 2_000;
const NAME = 'click-counts';

interface EventRow {
  tx: string;
  pos: string;
  data: unknown;
}

async function main(): Promise<void> {
  const expected = Number(process.env.EXPECTED_EVENTS);
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  for (const sql of SCHEMA) await pool.query(sql);
  let tx = '0';
  let pos = '0';
  let applied = 0;
  const started = Date.now();
  while (applied < expected) {
    const { rows } = await pool.query<EventRow>(
      `SELECT transaction_id::text AS tx, global_position::text AS pos, data FROM events
       WHERE event_type = 'ClickRecorded' AND (transaction_id, global_position) > ($1::xid8, $2::bigint)
         AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
       ORDER BY transaction_id, global_position LIMIT ${PAGE}`,
      [tx, pos],
    );
    if (rows.length === 0) {
      await new Promise((r) => setTimeout(r, 20));
      continue;
    }
    const clicks = rows.map((row) => judge(parseClickRecorded(row.data)));
    const last = rows[rows.length - 1];
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await judgeRepeats(client, clicks);
      const counts = new ClickCounts();
      for (const click of clicks) counts.add(click);
      await upsertCounts(client, counts);
      await client.query(
        `INSERT INTO ${CHECKPOINT_TABLE} VALUES ($1, $2::xid8, $3, $4, now())
         ON CONFLICT (projection) DO UPDATE SET transaction_id = excluded.transaction_id,
           global_position = excluded.global_position, events_applied = excluded.events_applied,
           updated_at = excluded.updated_at`,
        [NAME, last.tx, last.pos, applied + rows.length],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    applied += rows.length;
    tx = last.tx;
    pos = last.pos;
  }
  const seconds = (Date.now() - started) / 1000;
  await pool.end();
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ events: applied, seconds, peakRssMiB })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
