import { ClickFacts } from '@app/contracts';
import { bucketStart, GRANULARITIES, shiftedHourStarts } from '@app/read-models';
import { BucketAccumulator } from './bucket-accumulator';
import { INVALID_REASONS, REASON_BIT } from './traffic-quality/invalid-reasons';
import { judgeClick } from './traffic-quality/judged-click';

const ADS = ['0b5d2f4e-8a1c-4c3e-9f7a-2d6b1e0c9a88', '5f0c1d2e-3b4a-4c5d-8e6f-7a8b9c0d1e2f'];
const START = Date.parse('2026-12-01T23:58:10.000Z');
const rules = { minClickDelayMs: 1_000, repeatMaxClicks: 0, repeatWindowMs: 0 };

/** Clicks over a day boundary, with values that look alike across dimensions or hold a '|'. */
function clicks() {
  return Array.from({ length: 200 }, (_, i) => {
    const facts: ClickFacts = {
      impressionId: `imp-${i}`,
      adId: ADS[i % 2],
      advertiserId: ADS[0],
      clickedAt: new Date(START + i * 1_300).toISOString(),
      userKey: `u:${i % 17}`,
      country: i % 3 === 0 ? null : 'unknown',
      placement: ['top|left', 'unknown', null][i % 3],
      adPaused: i % 7 === 0,
      userAgent: i % 5 === 0 ? null : 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Firefox/120.0',
      referrerHost: i % 4 === 0 ? null : 'news.example.com',
      declaredPurpose: i % 11 === 0 ? 'prefetch' : null,
      addressClass: i % 5 === 0 ? null : 'other',
      msSinceMint: i % 13 === 0 ? 10 : null,
      recordedVerdict: i % 5 === 0 ? { bot: i % 10 === 0, device: 'mobile' } : null,
    };
    return judgeClick(facts, rules);
  });
}

interface Counts {
  clicks: number;
  botClicks: number;
  invalidClicks: number;
  pausedClicks?: number;
}

/** What each row should hold, counted the plainest way: a string key per row. */
function expected() {
  const rows = new Map<string, Counts>();
  const add = (key: string, reasons: number, paused?: boolean) => {
    const c = rows.get(key) ?? { clicks: 0, botClicks: 0, invalidClicks: 0 };
    if (reasons === 0) c.clicks++;
    else {
      c.invalidClicks++;
      if (reasons & REASON_BIT.bot) c.botClicks++;
    }
    if (paused !== undefined) c.pausedClicks = (c.pausedClicks ?? 0) + (paused ? 1 : 0);
    rows.set(key, c);
  };
  for (const click of clicks()) {
    const f = click.facts;
    const r = click.reasons;
    for (const g of GRANULARITIES) {
      const at = `${g} ${f.adId} ${bucketStart(click.at, g)}`;
      add(`bucket ${at}`, r, f.adPaused);
      add(`${at} country=${f.country ?? 'unknown'}`, r);
      add(`${at} device=${click.device}`, r);
      add(`${at} placement=${f.placement ?? 'unknown'}`, r);
      add(`${at} browser=${click.browser}`, r);
      add(`${at} os=${click.os}`, r);
      add(`${at} referrer=${f.referrerHost ?? (f.userAgent === null ? 'unknown' : 'none')}`, r);
      for (const reason of INVALID_REASONS)
        if (r & REASON_BIT[reason]) add(`${at} invalid_reason=${reason}`, r);
    }
    for (const s of shiftedHourStarts(click.at))
      add(`bucket SHIFTED ${f.adId} ${s}`, r, f.adPaused);
  }
  return rows;
}

describe('bucket accumulator', () => {
  it('holds one delta per (ad, bucket) and per (ad, bucket, dimension, value), counted right', () => {
    const accumulator = new BucketAccumulator();
    for (const click of clicks()) accumulator.add(click, click.reasons);
    const held = new Map<string, Counts>();
    for (const g of GRANULARITIES) {
      for (const d of accumulator.buckets(g)) {
        const { clicks, botClicks, invalidClicks, pausedClicks } = d;
        held.set(`bucket ${g} ${d.adId} ${d.bucketStart}`, {
          clicks,
          botClicks,
          invalidClicks,
          pausedClicks,
        });
      }
      for (const d of accumulator.breakdowns(g)) {
        const key = `${g} ${d.adId} ${d.bucketStart} ${d.dimension}=${d.value}`;
        expect(held.has(key)).toBe(false);
        const { clicks, botClicks, invalidClicks } = d;
        held.set(key, { clicks, botClicks, invalidClicks });
      }
    }
    for (const d of accumulator.shiftedHours()) {
      const { clicks, botClicks, invalidClicks, pausedClicks } = d;
      held.set(`bucket SHIFTED ${d.adId} ${d.bucketStart}`, {
        clicks,
        botClicks,
        invalidClicks,
        pausedClicks,
      });
    }
    expect(new Map([...held].sort())).toEqual(new Map([...expected()].sort()));
    expect(accumulator.size).toBe(held.size);
  });
});
