import { randomUUID } from 'node:crypto';
import { AD_PAUSED, AD_REGISTERED, AD_TARGET_CHANGED, CLICK_RECORDED } from '@app/contracts';
import { RecordedEvent } from '@app/event-store';
import { createTestDatabase, TestDatabase } from '@app/testing';
import { inTransaction } from '../src/framework/in-transaction';
import { LIVE_TABLES } from '../src/framework/read-model-table';
import { ProjectionContext } from '../src/framework/projection-context';
import { PROJECTIONS } from '../src/projections.registry';

const context: ProjectionContext = {
  quality: { minClickDelayMs: 1_000, repeatMaxClicks: 3, repeatWindowMs: 3_600_000 },
};

const ads = [randomUUID(), randomUUID(), randomUUID()];
const START = Date.parse('2026-11-20T23:58:30Z');

let position = 0;
function event(type: string, data: unknown): RecordedEvent {
  position++;
  return {
    eventId: randomUUID(),
    type,
    streamId: `test-${position}`,
    revision: 0n,
    position: String(position).padStart(20, '0'),
    data,
    metadata: {},
    recordedAt: new Date(START + position * 1000),
  };
}

/** Clicks across a day boundary, countries (one unknown), devices and bots; ad events; junk. */
function batch(): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (const adId of ads)
    events.push(
      event(AD_REGISTERED, {
        version: 1,
        adId,
        advertiserId: randomUUID(),
        name: 'ad',
        targetUrl: 'https://example.com/',
      }),
    );
  events.push(
    event(AD_TARGET_CHANGED, { version: 1, adId: ads[0], targetUrl: 'https://example.org/' }),
  );
  events.push(event(AD_PAUSED, { version: 1, adId: ads[1] }));
  events.push(event(AD_PAUSED, { version: 1, adId: 'not-a-uuid' }));
  events.push(event(AD_PAUSED, null));
  for (let i = 0; i < 300; i++)
    events.push(
      event(CLICK_RECORDED, {
        version: 1,
        impressionId: `imp-${i}`,
        adId: ads[i % ads.length],
        advertiserId: randomUUID(),
        clickedAt: new Date(START + i * 7_000).toISOString(),
        userKey: `u:${i % 40}`,
        country: i % 4 === 0 ? null : ['US', 'DE', 'IN'][i % 3],
        device: i % 9 === 0 ? 'bot' : ['desktop', 'mobile'][i % 2],
        bot: i % 9 === 0,
        placement: null,
        adPaused: i % 11 === 0,
      }),
    );
  // Version 2: facts, judged by the projection; one user clicking one ad over and over.
  for (let i = 0; i < 12; i++)
    events.push(
      event(CLICK_RECORDED, {
        version: 2,
        impressionId: `imp2-${i}`,
        adId: ads[i % 2],
        advertiserId: randomUUID(),
        clickedAt: new Date(START + i * 2_000).toISOString(),
        userKey: 'u:same',
        country: 'FR',
        placement: 'top',
        adPaused: false,
        userAgent:
          i % 5 === 0
            ? 'curl/8.0'
            : 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0',
        referrerHost: i % 3 === 0 ? null : 'news.example.com',
        declaredPurpose: i === 4 ? 'prefetch' : null,
        addressClass: i === 7 ? 'datacenter' : 'other',
        msSinceMint: i === 9 ? 10 : null,
      }),
    );
  events.push(event(CLICK_RECORDED, { version: 99, adId: ads[0] }));
  events.push(event('SomethingElse', { adId: ads[2] }));
  return events;
}

/** Key tuples as comparable text (dates as instants). */
const asText = (key: readonly unknown[]): string =>
  JSON.stringify(key.map((v) => (v instanceof Date ? v.toISOString() : v)));

/**
 * A rebuild's swap re-compares only the rows `touched` names, so `touched` must name exactly
 * the rows `apply` writes: into empty tables, the rows present afterwards are those.
 */
describe('projection definitions', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('definitions');
  });
  afterAll(async () => {
    await db.drop();
  });

  // A column the definition does not list would escape a rebuild's comparison unseen.
  it.each(PROJECTIONS.map((p) => [p.name, p] as const))(
    '%s: its tables compare every column they have',
    async (_name, definition) => {
      for (const table of definition.tables) {
        const { rows } = await db.pool.query<{ column_name: string }>(
          `SELECT column_name FROM information_schema.columns WHERE table_name = $1`,
          [table.name],
        );
        const listed = [...table.key, ...table.shown, ...table.hidden].sort();
        expect(listed).toEqual(rows.map((r) => r.column_name).sort());
      }
    },
  );

  it.each(PROJECTIONS.map((p) => [p.name, p] as const))(
    '%s: touched() names exactly the rows apply() writes',
    async (_name, definition) => {
      const events = batch();
      await inTransaction(db.pool, async (tx) => {
        for (const table of definition.tables) await tx.query(`TRUNCATE ${table.name}`);
        await definition.create(LIVE_TABLES, context).prepare(events).write(tx);
      });
      const touched = definition.touched(events, context);
      for (const table of definition.tables) {
        const { rows } = await db.pool.query<Record<string, unknown>>(
          `SELECT ${table.key.join(', ')} FROM ${table.name}`,
        );
        const written = rows.map((r) => asText(table.key.map((k) => r[k]))).sort();
        // Rows a repeat click would have written are named whether or not one came (a repeat
        // depends on the stored memory, which `touched` does not read); only those.
        const mayWrite = (key: string) => key.endsWith('"invalid_reason","repeat"]');
        const named = (touched.get(table.name) ?? []).map(asText).sort();
        expect(written.length).toBeGreaterThan(0);
        expect(named.filter((k) => !mayWrite(k) || written.includes(k))).toEqual(written);
      }
      expect([...touched.keys()].sort()).toEqual(definition.tables.map((t) => t.name).sort());
    },
  );
});
