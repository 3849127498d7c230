import { Client } from 'pg';
import { RepeatWindow } from '../catch-up-upsert/repeat-window';
import { GROUP_BY } from './rebuild-sql';
import { writeRepeatState } from './repeat-state';
import { STAGED, STAGED_SCHEMA, stageClicks } from './stage-clicks';

// Y3 of the projection bench (bench/projection/): a one-pass, set-based rebuild of every row the
// product's click-buckets projection writes (but the sketches), started by the bench as a
// process of its own, never by the product. It reads the log once in commit order, judges each
// click in Node by the same rules as Y1 (isbot and bowser cannot run in SQL), COPYs the judged
// clicks into an unlogged staging table and builds each table with one GROUP BY, all in one
// transaction. Timed from its first statement to its commit, as the product's rebuild job is
// from its start to its end; the bench checks that its rows equal the product's. Prints one
// JSON line and exits.

async function main(): Promise<void> {
  const reader = new Client({ connectionString: process.env.DATABASE_URL });
  const writer = new Client({ connectionString: process.env.DATABASE_URL });
  await Promise.all([reader.connect(), writer.connect()]);
  const started = Date.now();
  await writer.query('BEGIN');
  // date_trunc on timestamptz cuts in the session's zone; the product's buckets are UTC. The
  // GROUP BYs hash a few million rows: room for them in memory, as the product's merge has.
  await writer.query(`SET LOCAL TimeZone = 'UTC'`);
  await writer.query(`SET LOCAL work_mem = '256MB'`);
  await writer.query(STAGED_SCHEMA);
  const window = new RepeatWindow();
  const events = await stageClicks(reader, writer, window);
  await writeRepeatState(writer, window);
  for (const sql of GROUP_BY) await writer.query(sql);
  await writer.query(`DROP TABLE ${STAGED}`);
  await writer.query('COMMIT');
  const seconds = (Date.now() - started) / 1000;
  await Promise.all([reader.end(), writer.end()]);
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ events, seconds, peakRssMiB })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
