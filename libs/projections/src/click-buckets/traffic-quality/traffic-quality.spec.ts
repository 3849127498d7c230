import { ClickFacts } from '@app/contracts';
import { classify } from './device-class';
import { reasonsIn } from './invalid-reasons';
import { judgeClick } from './judged-click';
import { QualityRules } from './quality-rules';
import { RepeatMemory } from './repeat-memory';
import { userAgentProfile } from './user-agent-profile';

const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
const AD = '0b5d2f4e-8a1c-4c3e-9f7a-2d6b1e0c9a88';
const rules: QualityRules = { minClickDelayMs: 1_000, repeatMaxClicks: 3, repeatWindowMs: 60_000 };

function facts(overrides: Partial<ClickFacts> = {}): ClickFacts {
  return {
    impressionId: 'imp',
    adId: AD,
    advertiserId: AD,
    clickedAt: '2026-12-01T10:00:00.000Z',
    userKey: 'u:1',
    country: null,
    placement: null,
    adPaused: false,
    userAgent: FIREFOX,
    referrerHost: null,
    declaredPurpose: null,
    addressClass: 'other',
    msSinceMint: 5_000,
    recordedVerdict: null,
    ...overrides,
  };
}

const reasons = (f: Partial<ClickFacts>, r = rules) => reasonsIn(judgeClick(facts(f), r).reasons);

describe('traffic-quality rules', () => {
  it('finds an ordinary browser click valid', () => {
    expect(reasons({})).toEqual([]);
  });

  it.each<[string, Partial<ClickFacts>, string[]]>([
    ['a crawler', { userAgent: GOOGLEBOT }, ['bot']],
    [
      'a version 1 bot verdict',
      { userAgent: null, recordedVerdict: { bot: true, device: 'bot' } },
      ['bot'],
    ],
    ['a declared prefetch', { declaredPurpose: 'prefetch;prerender' }, ['prefetch']],
    ['a declared preview', { declaredPurpose: 'preview' }, ['prefetch']],
    ['a data-centre address', { addressClass: 'datacenter' }, ['datacenter']],
    ['a click 100 ms after the mint', { msSinceMint: 100 }, ['too-fast']],
    [
      'several at once',
      { userAgent: GOOGLEBOT, msSinceMint: 0, addressClass: 'datacenter' },
      ['bot', 'datacenter', 'too-fast'],
    ],
  ])('flags %s', (_name, f, expected) => {
    expect(reasons(f)).toEqual(expected);
  });

  it.each<[string, Partial<ClickFacts>]>([
    ['no issue time (a version 1 token)', { msSinceMint: null }],
    ['a minting clock ahead of ours', { msSinceMint: -50 }],
    ['exactly the threshold', { msSinceMint: 1_000 }],
    ['an unchecked address', { addressClass: 'unchecked' }],
    ['another declared purpose', { declaredPurpose: 'navigate' }],
  ])('does not flag %s', (_name, f) => {
    expect(reasons(f)).toEqual([]);
  });

  it('switches too-fast off at 0', () => {
    expect(reasons({ msSinceMint: 1 }, { ...rules, minClickDelayMs: 0 })).toEqual([]);
  });

  it('reads browser, OS and device from the user agent; version 1 keeps its device', () => {
    expect(userAgentProfile(FIREFOX)).toEqual({
      bot: false,
      device: 'desktop',
      browser: 'Firefox',
      os: 'Windows',
    });
    const v1 = judgeClick(
      facts({ userAgent: null, recordedVerdict: { bot: false, device: 'tablet' } }),
      rules,
    );
    expect([v1.device, v1.browser, v1.os]).toEqual(['tablet', 'unknown', 'unknown']);
  });

  it.each([
    [GOOGLEBOT, 'bot'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
      'mobile',
    ],
    ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15', 'tablet'],
    [FIREFOX, 'desktop'],
    ['', 'other'],
  ])('classifies the device of %s', (ua, expected) => {
    expect(classify(ua)).toBe(expected);
  });
});

describe('repeat memory', () => {
  const at = (ms: number, userKey = 'u:1') =>
    judgeClick(
      facts({
        clickedAt: new Date(Date.parse('2026-12-01T10:00:00Z') + ms).toISOString(),
        userKey,
      }),
      rules,
    );

  it('flags the clicks beyond the count within the window, per user and ad', () => {
    const memory = new RepeatMemory(rules);
    const seen = [0, 1_000, 2_000, 3_000, 4_000].map((ms) => memory.see(at(ms)));
    expect(seen).toEqual([false, false, false, true, true]);
    expect(memory.see(at(4_500, 'u:2'))).toBe(false);
    // The window has passed the first three: the count starts over.
    expect(memory.see(at(64_001))).toBe(false);
  });

  it('judges alike whether the memory is kept whole or reloaded per batch', () => {
    const clicks = Array.from({ length: 200 }, (_, i) => at((i * 7_919) % 400_000, `u:${i % 7}`));
    const whole = new RepeatMemory(rules);
    const expected = clicks.map((c) => whole.see(c));
    // Batches of 13: each starts from what the previous left (as PostgreSQL would give it back).
    let stored = new Map<string, number[]>();
    let newest = -Infinity;
    const actual: boolean[] = [];
    for (let i = 0; i < clicks.length; i += 13) {
      const memory = new RepeatMemory(rules, newest);
      for (const [key, times] of stored) {
        const [adId, user] = key.split('|');
        memory.remember({ adId, user, times: [...times] });
      }
      for (const c of clicks.slice(i, i + 13)) actual.push(memory.see(c));
      for (const e of memory.takeChanged()) stored.set(`${e.adId}|${e.user}`, e.times);
      stored = new Map([...stored].filter(([, t]) => t[t.length - 1] >= memory.horizon()));
      newest = Math.max(newest, ...clicks.slice(0, i + 13).map((c) => c.at));
    }
    expect(actual).toEqual(expected);
    expect(expected.filter(Boolean).length).toBeGreaterThan(0);
  });
});
