import { parseClickRecorded } from '@app/contracts';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { Client } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { judge, Judged } from '../catch-up-upsert/judge';
import { RepeatWindow } from '../catch-up-upsert/repeat-window';

/** One row per click: its time, verdicts and the value it counts under in each breakdown. */
export const STAGED = 'bench_y3_clicks';

export const STAGED_SCHEMA = `CREATE UNLOGGED TABLE ${STAGED} (
  ad_id uuid NOT NULL, clicked_at bigint NOT NULL, reasons integer NOT NULL, paused boolean NOT NULL,
  country text NOT NULL, device text NOT NULL, placement text NOT NULL, browser text NOT NULL,
  os text NOT NULL, referrer text NOT NULL)`;

/** The whole log in one statement, in commit order, with the product's visibility rule. */
const LOG = `COPY (SELECT data FROM events WHERE event_type = 'ClickRecorded'
  AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY transaction_id, global_position) TO STDOUT`;

/** Forgets pairs behind the repeat rule's horizon this often, as the product's replay does per flush. */
const PRUNE_EVERY = 50_000;

/**
 * Reads the log once and streams each click, judged (the stateless rules, then the repeat rule
 * in log order against `window`), into the staging table with COPY, on the writer's
 * transaction. The repeat rule is judged here rather than in SQL: it needs the clicks before
 * in log order and a horizon that moves with the newest click seen, which Node holds in a map
 * while it reads anyway (see docs/benchmarks.md). Answers the number of clicks staged.
 */
export async function stageClicks(
  reader: Client,
  writer: Client,
  window: RepeatWindow,
): Promise<number> {
  let staged = 0;
  async function* rows(log: AsyncIterable<Buffer>): AsyncGenerator<string> {
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for await (const chunk of log) {
      const lines = (rest + decoder.write(chunk)).split('\n');
      rest = lines.pop() ?? '';
      let out = '';
      for (const line of lines) {
        const click = judge(parseClickRecorded(JSON.parse(unescapeCopy(line))));
        window.see(click);
        out += stagedRow(click);
        if (++staged % PRUNE_EVERY === 0) window.prune();
      }
      if (out) yield out;
    }
  }
  const log = reader.query(copyTo(LOG)) as AsyncIterable<Buffer>;
  await pipeline(
    Readable.from(rows(log)),
    writer.query(copyFrom(`COPY ${STAGED} FROM STDIN WITH (FREEZE)`)),
  );
  return staged;
}

function stagedRow(c: Judged): string {
  return (
    `${c.facts.adId}\t${c.at}\t${c.reasons}\t${c.facts.adPaused ? 't' : 'f'}\t` +
    `${escapeCopy(c.country)}\t${escapeCopy(c.device)}\t${escapeCopy(c.placement)}\t` +
    `${escapeCopy(c.browser)}\t${escapeCopy(c.os)}\t${escapeCopy(c.referrer)}\n`
  );
}

// COPY's text format: a value's backslash, tab and line breaks are escaped with a backslash.
// The only escape in jsonb's text (which has no raw control characters) is a doubled backslash.
const SPECIAL = /[\\\t\n\r]/;

function escapeCopy(value: string): string {
  if (!SPECIAL.test(value)) return value;
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\t/g, '\\t')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
}

function unescapeCopy(line: string): string {
  return line.includes('\\') ? line.replace(/\\\\/g, '\\') : line;
}
