import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { RepeatWindow } from '../catch-up-upsert/repeat-window';
import { Y3 } from './rebuild-sql';

/**
 * The repeat rule's memory as the product leaves it after a rebuild: every pair not behind the
 * horizon, with its newest times; one COPY, then the key.
 */
export async function writeRepeatState(writer: Client, window: RepeatWindow): Promise<void> {
  await writer.query(`CREATE TABLE ${Y3.repeatState} (
    ad_id uuid NOT NULL, user_hash bigint NOT NULL, recent bigint[] NOT NULL,
    last_clicked bigint NOT NULL)`);
  const lines = window
    .prune()
    .map((p) => `${p.ad}\t${p.user}\t{${p.times.join(',')}}\t${p.times[p.times.length - 1]}\n`);
  await pipeline(
    Readable.from([lines.join('')]),
    writer.query(copyFrom(`COPY ${Y3.repeatState} FROM STDIN WITH (FREEZE)`)),
  );
  await writer.query(`ALTER TABLE ${Y3.repeatState} ADD PRIMARY KEY (ad_id, user_hash)`);
}
