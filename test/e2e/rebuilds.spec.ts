import { randomUUID } from 'node:crypto';
import {
  AppProcess,
  bucketMismatches,
  createTestDatabase,
  graphql,
  insertClicks,
  startApp,
  TEST_ADMIN_KEY,
  TEST_SECRETS,
  TestClick,
  TestDatabase,
  waitForProjected,
} from '@app/testing';
import { freePort } from '@app/database';
import { LIVE_BUCKET_TABLES } from '@app/read-models';
import { ClientProxyFactory, Transport } from '@nestjs/microservices';
import { firstValueFrom } from 'rxjs';

const DAY = Date.parse('2026-11-20T00:00:00Z');

interface Rebuild {
  id: string;
  status: string;
  progress: { eventsApplied: number; eventsTotal: number | null; fraction: number | null };
  swapPauseMs: number | null;
  error: string | null;
  report: {
    bucketsCompared: number;
    bucketsDiffering: number;
    clicksDifference: number;
    tables: {
      table: string;
      bucketsDiffering: number;
      liveClicks: number | null;
      rebuiltClicks: number | null;
      differences: {
        key: Record<string, string>;
        live: Record<string, unknown> | null;
        rebuilt: Record<string, unknown> | null;
      }[];
    }[];
  } | null;
}

const REBUILD_FIELDS = `id status error swapPauseMs progress { eventsApplied eventsTotal fraction }
  report { bucketsCompared bucketsDiffering clicksDifference
           tables { table bucketsDiffering liveClicks rebuiltClicks differences { key live rebuilt } } }`;

function clicks(adIds: readonly string[], n: number, seed: number): TestClick[] {
  return Array.from({ length: n }, (_, i) => ({
    adId: adIds[(i * 7 + seed) % adIds.length],
    clickedAt: new Date(DAY + ((i * 7_919 + seed * 104_729) % 86_400) * 1000),
    userKey: `u:${(i * 31 + seed) % 5_000}`,
    bot: i % 29 === 0,
  }));
}

async function requestRebuild(baseUrl: string): Promise<Rebuild> {
  const response = await graphql<{ rebuildProjections: Rebuild[] }>(
    baseUrl,
    `mutation { rebuildProjections(projections: ["click-buckets"]) { ${REBUILD_FIELDS} } }`,
    {},
    TEST_ADMIN_KEY,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.rebuildProjections[0];
}

async function rebuild(baseUrl: string, id: string): Promise<Rebuild> {
  const response = await graphql<{ rebuild: Rebuild }>(
    baseUrl,
    `query($id: ID!) { rebuild(id: $id) { ${REBUILD_FIELDS} } }`,
    { id },
    TEST_ADMIN_KEY,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.rebuild;
}

async function waitFor(
  baseUrl: string,
  id: string,
  done: (r: Rebuild) => boolean,
  onPoll: (r: Rebuild) => Promise<void> = async () => undefined,
  timeoutMs = 90_000,
): Promise<Rebuild> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await rebuild(baseUrl, id);
    if (current.status === 'FAILED') throw new Error(`rebuild failed: ${current.error}`);
    if (done(current)) return current;
    if (Date.now() > deadline)
      throw new Error(`rebuild still ${current.status} after ${timeoutMs} ms`);
    await onPoll(current);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function expectLiveExact(db: TestDatabase): Promise<void> {
  for (const granularity of ['minute', 'hour', 'day', 'hour_shifted'] as const)
    expect(await bucketMismatches(db.pool, granularity)).toEqual([]);
}

/** Rebuilds as reconciliation, on real processes over a real database. */
describe('projection rebuilds', () => {
  let db: TestDatabase;
  const apps: AppProcess[] = [];
  const ads = Array.from({ length: 20 }, () => randomUUID());

  beforeEach(async () => {
    db = await createTestDatabase('rebuilds');
  });
  afterEach(async () => {
    await Promise.all(apps.splice(0).map((app) => app.stop()));
    await db.drop();
  });

  it('finds drift in the live buckets, reports it with both values, and swaps in the truth', async () => {
    const app = await startApp('all-in-one', { DATABASE_URL: db.url, ...TEST_SECRETS });
    apps.push(app);
    await insertClicks(db.pool, clicks(ads, 5_000, 1));
    await waitForProjected(db.pool, 'click-buckets', 5_000);
    await expectLiveExact(db);

    // Corrupt three live buckets: one inflated, one deleted, one zeroed.
    const pick = async (table: string, offset: number) =>
      (
        await db.pool.query<{ ad_id: string; bucket_start: Date; clicks: string }>(
          `SELECT ad_id, bucket_start, clicks FROM ${table} ORDER BY ad_id, bucket_start OFFSET $1 LIMIT 1`,
          [offset],
        )
      ).rows[0];
    const inflated = await pick('click_hour', 3);
    const deleted = await pick('click_minute', 10);
    const zeroed = await pick('click_day', 0);
    await db.pool.query(
      'UPDATE click_hour SET clicks = clicks + 7 WHERE ad_id = $1 AND bucket_start = $2',
      [inflated.ad_id, inflated.bucket_start],
    );
    await db.pool.query('DELETE FROM click_minute WHERE ad_id = $1 AND bucket_start = $2', [
      deleted.ad_id,
      deleted.bucket_start,
    ]);
    await db.pool.query('UPDATE click_day SET clicks = 0 WHERE ad_id = $1 AND bucket_start = $2', [
      zeroed.ad_id,
      zeroed.bucket_start,
    ]);
    expect((await bucketMismatches(db.pool, 'hour')).length).toBe(1);

    // Two requests at once: one job.
    const [first, second] = await Promise.all([
      requestRebuild(app.baseUrl),
      requestRebuild(app.baseUrl),
    ]);
    expect(second.id).toBe(first.id);
    const done = await waitFor(app.baseUrl, first.id, (r) => r.status === 'SWAPPED');

    const report = done.report!;
    const differing = Object.fromEntries(report.tables.map((t) => [t.table, t]));
    expect(differing.click_hour.differences).toEqual([
      {
        key: { ad_id: inflated.ad_id, bucket_start: expect.any(String) },
        live: expect.objectContaining({ clicks: Number(inflated.clicks) + 7 }),
        rebuilt: expect.objectContaining({ clicks: Number(inflated.clicks) }),
      },
    ]);
    expect(Date.parse(differing.click_hour.differences[0].key.bucket_start)).toBe(
      inflated.bucket_start.getTime(),
    );
    expect(differing.click_minute.differences).toEqual([
      {
        key: expect.objectContaining({ ad_id: deleted.ad_id }),
        live: null,
        rebuilt: expect.objectContaining({ clicks: Number(deleted.clicks) }),
      },
    ]);
    expect(differing.click_day.differences).toEqual([
      {
        key: expect.objectContaining({ ad_id: zeroed.ad_id }),
        live: expect.objectContaining({ clicks: 0 }),
        rebuilt: expect.objectContaining({ clicks: Number(zeroed.clicks) }),
      },
    ]);
    expect(differing.click_breakdown_day.bucketsDiffering).toBe(0);
    expect(report.bucketsDiffering).toBe(3);
    // Each click once (the minute table); each table's own sums say where else it was wrong.
    expect(report.clicksDifference).toBe(Number(deleted.clicks));
    const moved = (t: { liveClicks: number | null; rebuiltClicks: number | null }) =>
      t.rebuiltClicks! - t.liveClicks!;
    expect(moved(differing.click_hour)).toBe(-7);
    expect(moved(differing.click_day)).toBe(Number(zeroed.clicks));
    expect(done.progress.eventsApplied).toBe(5_000);
    expect(done.swapPauseMs).toBeGreaterThan(0);
    await expectLiveExact(db);

    // The projection goes on, on the swapped-in tables.
    await insertClicks(db.pool, clicks(ads, 500, 2));
    await waitForProjected(db.pool, 'click-buckets', 5_500);
    await expectLiveExact(db);

    const listed = await graphql<{
      rebuilds: { id: string }[];
      projections: { name: string; eventsBehind: number }[];
    }>(app.baseUrl, '{ rebuilds { id } projections { name eventsBehind } }', {}, TEST_ADMIN_KEY);
    expect(listed.data!.rebuilds.map((r) => r.id)).toContain(first.id);
    expect(listed.data!.projections.map((p) => p.name).sort()).toEqual([
      'ad-catalog',
      'click-buckets',
    ]);
  });

  it('keeps answering queries with the old numbers while it rebuilds, and keeps clicks that arrive meanwhile', async () => {
    const app = await startApp('all-in-one', {
      DATABASE_URL: db.url,
      ...TEST_SECRETS,
      REBUILD_BATCH_SIZE: '20000',
    });
    apps.push(app);
    await insertClicks(db.pool, clicks(ads, 200_000, 3));
    await waitForProjected(db.pool, 'click-buckets', 200_000, 120_000);
    // The ads the clicks belong to, as the catalog knows them (so GraphQL can be asked).
    await db.pool.query(
      `INSERT INTO ad_catalog (ad_id, advertiser_id, name, target_url, registered_at, updated_at)
       SELECT unnest($1::uuid[]), '00000000-0000-4000-8000-00000000a000', 'ad', 'https://example.com', now(), now()`,
      [ads],
    );
    // What an advertiser's dashboard asks: totals over the two days, over real HTTP.
    const total = async () => {
      const response = await graphql<{
        clickTotals: { ads: { clicks: number; botClicks: number }[] };
      }>(
        app.baseUrl,
        'query($ads: [ID!]!) { clickTotals(adIds: $ads, from: "2026-11-19T00:00:00Z", to: "2026-11-22T00:00:00Z") { ads { clicks botClicks } } }',
        { ads },
        TEST_ADMIN_KEY,
      );
      if (!response.data) throw new Error(JSON.stringify(response.errors));
      return response.data.clickTotals.ads.reduce((n, a) => n + a.clicks + a.botClicks, 0);
    };
    expect(await total()).toBe(200_000);

    const job = await requestRebuild(app.baseUrl);
    let added = 0;
    let observed = 0;
    const done = await waitFor(
      app.baseUrl,
      job.id,
      (r) => r.status === 'SWAPPED',
      async () => {
        // Queries during the rebuild: never a half-built table, never fewer clicks than before.
        const now = await total();
        expect(now).toBeGreaterThanOrEqual(200_000);
        expect(now).toBeLessThanOrEqual(200_000 + added);
        observed++;
        if (added < 2_000) {
          await insertClicks(db.pool, clicks(ads, 250, 10 + added));
          added += 250;
        }
      },
      180_000,
    );
    expect(observed).toBeGreaterThan(3);
    expect(done.report!.bucketsDiffering).toBe(0);
    await waitForProjected(db.pool, 'click-buckets', 200_000 + added);
    expect(await total()).toBe(200_000 + added);
    await expectLiveExact(db);
  });

  it('survives the projector being killed mid-rebuild, and live tables stay right throughout', async () => {
    const rpcPort = String(await freePort());
    const projectorEnv = {
      DATABASE_URL: db.url,
      ...TEST_SECRETS,
      PROJECTOR_RPC_PORT: rpcPort,
      REBUILD_BATCH_SIZE: '2000',
    };
    let projector = await startApp('projector', projectorEnv);
    const api = await startApp('api', {
      DATABASE_URL: db.url,
      ...TEST_SECRETS,
      PROJECTOR_RPC_PORT: rpcPort,
    });
    apps.push(api);
    await insertClicks(db.pool, clicks(ads, 60_000, 4));
    await waitForProjected(db.pool, 'click-buckets', 60_000, 120_000);

    const job = await requestRebuild(api.baseUrl);
    const midway = await waitFor(api.baseUrl, job.id, (r) => r.progress.eventsApplied >= 6_000);
    expect(midway.status).not.toBe('SWAPPED');
    await projector.kill();
    await expectLiveExact(db);
    const stalled = await rebuild(api.baseUrl, job.id);
    expect(stalled.status).not.toBe('SWAPPED');
    expect(stalled.progress.eventsApplied).toBeLessThan(60_000);

    // The job lives in PostgreSQL: the restarted projector finds it and resumes it.
    projector = await startApp('projector', projectorEnv);
    apps.push(projector);
    const done = await waitFor(
      api.baseUrl,
      job.id,
      (r) => r.status === 'SWAPPED',
      async () => expectLiveExact(db),
    );
    expect(done.progress.eventsApplied).toBe(60_000);
    expect(done.report!.bucketsDiffering).toBe(0);
    await expectLiveExact(db);
  });

  it('waits for a held table lock before it pauses the live projection, and leaves the rebuilt tables analysed, autovacuum on', async () => {
    const app = await startApp('all-in-one', { DATABASE_URL: db.url, ...TEST_SECRETS });
    apps.push(app);
    await insertClicks(db.pool, clicks(ads, 5_000, 6));
    await waitForProjected(db.pool, 'click-buckets', 5_000);
    // What an autovacuum of a live table holds: the swap's DROP cannot have the table meanwhile.
    const holder = await db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE ${LIVE_BUCKET_TABLES.day} IN SHARE UPDATE EXCLUSIVE MODE`);
      const job = await requestRebuild(app.baseUrl);
      await waitFor(app.baseUrl, job.id, (r) => r.status === 'COMPARING');
      // The swap now waits for that lock...
      for (let waiting = 0; waiting === 0; await new Promise((r) => setTimeout(r, 50))) {
        const { rows } = await db.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = $1::regclass`,
          [LIVE_BUCKET_TABLES.day],
        );
        waiting = rows[0].n;
      }
      // ...and the live projection goes on meanwhile: the wait comes before the pause.
      await insertClicks(db.pool, clicks(ads, 500, 7));
      await waitForProjected(db.pool, 'click-buckets', 5_500, 20_000);
      expect((await rebuild(app.baseUrl, job.id)).status).toBe('COMPARING');
      await holder.query('COMMIT');
      const done = await waitFor(app.baseUrl, job.id, (r) => r.status === 'SWAPPED');
      expect(done.report!.bucketsDiffering).toBe(0);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      holder.release();
    }
    await expectLiveExact(db);
    const { rows } = await db.pool.query<{
      relname: string;
      reloptions: string[] | null;
      analysed: boolean;
    }>(
      `SELECT c.relname, c.reloptions, s.last_analyze IS NOT NULL AS analysed
         FROM pg_class c JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE c.relname = ANY($1) ORDER BY c.relname`,
      [Object.values(LIVE_BUCKET_TABLES)],
    );
    expect(rows).toHaveLength(Object.values(LIVE_BUCKET_TABLES).length);
    for (const row of rows) {
      expect(row).toMatchObject({ analysed: true });
      expect(row.reloptions ?? []).not.toContain('autovacuum_enabled=false');
    }
  });

  it("refuses rebuild commands that do not carry the API's credential", async () => {
    const rpcPort = await freePort();
    apps.push(
      await startApp('projector', {
        DATABASE_URL: db.url,
        ...TEST_SECRETS,
        PROJECTOR_RPC_PORT: String(rpcPort),
      }),
    );

    // Someone on the network speaking the transport directly, without or with a made-up
    // credential (a connection per command: the port takes one command per connection).
    for (const payload of [
      { projections: ['click-buckets'] },
      { projections: ['click-buckets'], credential: 'guess' },
    ]) {
      const stranger = ClientProxyFactory.create({
        transport: Transport.TCP,
        options: { host: '127.0.0.1', port: rpcPort },
      });
      try {
        await expect(
          firstValueFrom(stranger.send('projections.rebuild', payload)),
        ).rejects.toMatchObject({ kind: 'unauthenticated' });
      } finally {
        await stranger.close();
      }
    }

    // An API configured with another admin key is told what is wrong.
    const otherKey = 'another-admin-key-0123456789abcdef';
    const misconfigured = await startApp('api', {
      DATABASE_URL: db.url,
      ...TEST_SECRETS,
      ADMIN_API_KEY: otherKey,
      PROJECTOR_RPC_PORT: String(rpcPort),
    });
    apps.push(misconfigured);
    const refused = await graphql(
      misconfigured.baseUrl,
      'mutation { rebuildProjections { id } }',
      {},
      otherKey,
    );
    expect(refused.errors?.[0].message).toMatch(/refused this API's credential.*ADMIN_API_KEY/);

    const { rows } = await db.pool.query('SELECT 1 FROM projection_rebuilds');
    expect(rows).toHaveLength(0);
  });
});
