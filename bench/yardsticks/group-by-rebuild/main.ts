import { Client } from 'pg';
import { REBUILD } from './rebuild-sql';

// Y3 of the projection bench (bench/projection/): a one-pass SQL rebuild of plain counts,
// started by the bench as a process of its own, never by the product. Timed from its first
// statement to its commit, as the product's rebuild job is from its start to its end; prints
// one JSON line and exits.

async function main(): Promise<void> {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  const started = Date.now();
  await client.query('BEGIN');
  for (const sql of REBUILD) await client.query(sql);
  await client.query('COMMIT');
  const seconds = (Date.now() - started) / 1000;
  const { rows } = await client.query<{ n: string }>(
    `SELECT sum(clicks + bot_clicks)::text AS n FROM bench_y3_day`,
  );
  await client.end();
  const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ events: Number(rows[0].n), seconds, peakRssMiB })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
