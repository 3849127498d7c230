import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidV5 } from '@app/contracts';
import { AppProcess } from '@app/testing';
import {
  advertiserWithAds,
  ClickLoad,
  expectExactlyRecorded,
  metric,
  mint,
  readiness,
  recordedCounts,
  spoolPending,
  waitUntil,
} from './fault-kit';
import { useFaultEnvironment } from './fault-environment';

/**
 * The spool under real file-system faults: a disk that fills up while the store is down, and
 * two trackers sharing one DATA_DIR, one of them killed with clicks still in its spool.
 */
describe('spool faults', () => {
  const env = useFaultEnvironment('spool_faults');
  const start = (app: 'all-in-one' | 'tracker'): Promise<AppProcess> => env.start(app);

  const spoolDirectory = async (app: AppProcess): Promise<string> =>
    String(
      ((await readiness(app.baseUrl)).checks['click-spool'].detail as { directory: string })
        .directory,
    );

  it('loses only what a full disk refused, counts it, and never acknowledges a torn write', async () => {
    // A real full disk: a 256 KiB tmpfs as the data directory (the tests run as root, as CI does).
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0711', 'tmpfs', env.dataDir]);
    env.onCleanup(() => execFileSync('umount', [env.dataDir]));
    const app = await start('all-in-one');
    const { key, adIds } = await advertiserWithAds(app.baseUrl, 1);
    const links = await mint(app.baseUrl, key, adIds[0], 700);

    env.cluster.stopHard();
    const { bavail, bsize } = statfsSync(env.dataDir);
    const filler = join(env.dataDir, 'filler');
    writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - 40 * 1024)));

    const whileFull = await new ClickLoad(links.slice(0, 400), 100).start().finish();
    const lost = await metric(app.baseUrl, 'clickstream_clicks_lost_total');
    expect(lost).toBeGreaterThan(0);
    expect(lost).toBeLessThan(400);

    rmSync(filler);
    const afterFreeing = await new ClickLoad(links.slice(400), 100).start().finish();
    expect(await metric(app.baseUrl, 'clickstream_clicks_lost_total')).toBe(lost);

    env.cluster.start();
    await waitUntil(
      async () => (await spoolPending(app.baseUrl)) === 0,
      async () => `spool still holds ${await spoolPending(app.baseUrl)}`,
    );
    expect(await metric(app.baseUrl, 'clickstream_spool_corrupt_lines_total')).toBe(0);
    await expectExactlyRecorded(env.db.pool, [...whileFull, ...afterFreeing], lost);
    expect(app.child.exitCode).toBeNull();
  });

  it('gives two trackers on one DATA_DIR a spool each, and a killed one’s clicks to its successor', async () => {
    const first = await start('all-in-one');
    const second = await start('tracker');
    expect(await spoolDirectory(first)).toBe(join(env.dataDir, 'spool'));
    expect(await spoolDirectory(second)).toBe(join(env.dataDir, 'spool-1'));
    const { key, adIds } = await advertiserWithAds(first.baseUrl, 1);
    const links = await mint(first.baseUrl, key, adIds[0], 600);

    env.cluster.stopHard();
    const [viaFirst, viaSecond] = await Promise.all([
      new ClickLoad(links.slice(0, 300), 100, first.baseUrl).start().finish(),
      new ClickLoad(links.slice(300), 100, second.baseUrl).start().finish(),
    ]);
    expect(await spoolPending(second.baseUrl)).toBe(300);
    // A crash with clicks in its spool: the next tracker on this DATA_DIR takes them over.
    await second.kill();
    // Its pid may be reused by then: here by this test's own (live) process.
    writeFileSync(join(env.dataDir, 'spool-1', 'owner.lock'), `${process.pid}\n`);
    const successor = await start('tracker');
    expect(await spoolDirectory(successor)).toBe(join(env.dataDir, 'spool-1'));
    expect(await spoolPending(successor.baseUrl)).toBe(300);

    env.cluster.start();
    for (const app of [first, successor])
      await waitUntil(
        async () => (await spoolPending(app.baseUrl)) === 0,
        async () => `spool still holds ${await spoolPending(app.baseUrl)}`,
      );
    await expectExactlyRecorded(env.db.pool, [...viaFirst, ...viaSecond]);
    expect(first.child.exitCode).toBeNull();
    expect(successor.child.exitCode).toBeNull();
  });

  it('replays the spool of a tracker that is gone for good, from the tracker still running', async () => {
    const first = await start('all-in-one');
    const second = await start('tracker');
    const { key, adIds } = await advertiserWithAds(first.baseUrl, 1);
    const links = await mint(first.baseUrl, key, adIds[0], 200);

    env.cluster.stopHard();
    const results = await new ClickLoad(links, 100, second.baseUrl).start().finish();
    expect(await spoolPending(second.baseUrl)).toBe(200);
    // Scaled away for good: nobody will start on spool-1 again.
    await second.kill();
    env.cluster.start();

    await waitUntil(
      async () => (await recordedCounts(env.db.pool)).size === 200,
      async () => `${(await recordedCounts(env.db.pool)).size} of 200 recorded`,
    );
    await expectExactlyRecorded(env.db.pool, results);
    expect(first.child.exitCode).toBeNull();
  });

  it('makes a deleted spool directory again, counts what went with it, and spools on', async () => {
    const app = await start('all-in-one');
    const { key, adIds } = await advertiserWithAds(app.baseUrl, 1);
    const links = await mint(app.baseUrl, key, adIds[0], 200);

    env.cluster.stopHard();
    const before = await new ClickLoad(links.slice(0, 100), 100).start().finish();
    rmSync(join(env.dataDir, 'spool'), { recursive: true, force: true });
    await waitUntil(
      async () => (await metric(app.baseUrl, 'clickstream_clicks_lost_total')) === 100,
      async () => `${await metric(app.baseUrl, 'clickstream_clicks_lost_total')} counted lost`,
    );
    const after = await new ClickLoad(links.slice(100), 100).start().finish();
    expect(await spoolPending(app.baseUrl)).toBe(100);

    env.cluster.start();
    await waitUntil(
      async () => (await spoolPending(app.baseUrl)) === 0,
      async () => `spool still holds ${await spoolPending(app.baseUrl)}`,
    );
    await expectExactlyRecorded(env.db.pool, [...before, ...after], 100);
  });

  it('sets aside a spooled click the store refuses and replays the rest behind it', async () => {
    const line = (impressionId: string, userKey: string): string => {
      const streamId = `click-${impressionId}`;
      return JSON.stringify({
        streamId,
        event: {
          eventId: uuidV5(streamId),
          type: 'ClickRecorded',
          data: {
            version: 1,
            impressionId,
            adId: '00000000-0000-4000-8000-000000000001',
            advertiserId: '00000000-0000-4000-8000-00000000a000',
            clickedAt: new Date().toISOString(),
            userKey,
            country: null,
            device: 'desktop',
            bot: false,
            placement: null,
            adPaused: false,
          },
          metadata: {},
        },
      });
    };
    // A spool left by an earlier process: a click PostgreSQL can never store (a NUL, from a
    // link minted before NUL was refused) between two ordinary ones.
    const spool = join(env.dataDir, 'spool');
    mkdirSync(spool, { recursive: true });
    writeFileSync(
      join(spool, 'segment-000000000001.ndjson'),
      [
        line('a'.repeat(22), 'u:one'),
        line('b'.repeat(22), 'u:evil\u0000'),
        line('c'.repeat(22), 'u:two'),
        // Valid JSON, but no event data: PostgreSQL would refuse the row (not null).
        JSON.stringify({
          streamId: `click-${'d'.repeat(22)}`,
          event: { eventId: uuidV5(`click-${'d'.repeat(22)}`), type: 'ClickRecorded', data: null },
        }),
        line('e'.repeat(22), 'u:three'),
      ]
        .map((l) => `${l}\n`)
        .join(''),
    );
    const tracker = await start('tracker');
    await waitUntil(
      async () => (await spoolPending(tracker.baseUrl)) === 0,
      async () => `spool still holds ${await spoolPending(tracker.baseUrl)}`,
    );
    const recorded = await recordedCounts(env.db.pool);
    expect([...recorded.keys()].sort()).toEqual(['a'.repeat(22), 'c'.repeat(22), 'e'.repeat(22)]);
    expect(await metric(tracker.baseUrl, 'clickstream_spool_corrupt_lines_total')).toBe(2);
    expect(readFileSync(join(spool, 'corrupt-segment-000000000001.ndjson'), 'utf8')).toContain(
      'b'.repeat(22),
    );
  });
});
