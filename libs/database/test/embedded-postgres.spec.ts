import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '@app/event-store';
import { AppExit, startApp } from '@app/testing';
import { Pool } from 'pg';

const cleanExit = (exit: AppExit): boolean => exit.code === 0 || exit.signal === 'SIGTERM';
/** The exit, and on an unclean one the app's own account of it, so a failure explains itself. */
const describeExit = (exit: AppExit, output: string): string =>
  cleanExit(exit) ? 'clean' : `code ${exit.code} signal ${exit.signal}:\n${output.slice(-4000)}`;

/** The real `npm start` path: no DATABASE_URL, so the product runs its own embedded cluster. */
describe('embedded PostgreSQL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'clickstream-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  function connect(): Pool {
    const port = readFileSync(join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[3];
    const password = readFileSync(join(dataDir, 'postgres-password'), 'utf8').trim();
    return new Pool({
      host: '127.0.0.1',
      port: Number(port),
      user: 'postgres',
      password,
      database: 'clickstream',
    });
  }

  it('starts, migrates, stops with the process, and keeps its data across a restart', async () => {
    const env = { DATA_DIR: dataDir, DATABASE_URL: '', EVENTSTORE_URL: '' };
    const first = await startApp('all-in-one', env);
    const ready = await fetch(`${first.baseUrl}/readyz`);
    expect(ready.status).toBe(200);

    const pool = connect();
    const { rows } = await pool.query<{ name: string }>('SELECT name FROM schema_migrations');
    expect(rows.map((r) => r.name)).toContain('CreateEvents1764000000000');
    const store = new PostgresEventStore(pool);
    const eventId = randomUUID();
    await store.append(
      'persisted-1',
      [{ eventId, type: 'Persisted', data: { kept: true } }],
      'no-stream',
    );
    await store.close();
    await pool.end();

    expect(describeExit(await first.stop(), first.output())).toBe('clean');
    // The cluster went down with the process: its lock file is gone.
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = await startApp('all-in-one', env);
    const again = connect();
    const events = await new PostgresEventStore(again).readStream('persisted-1');
    expect(events.map((e) => [e.eventId, e.data])).toEqual([[eventId, { kept: true }]]);
    await again.end();
    expect(describeExit(await second.stop(), second.output())).toBe('clean');
    expect(second.output()).not.toMatch(/ERROR|FATAL/);
  });
});
