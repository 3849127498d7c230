import { ClickFacts } from '@app/contracts';
import { hashKey } from '@app/read-models';
import Bowser from 'bowser';
import { isbot } from 'isbot';

/** Reason bits, as the product stores them under `invalid_reason`. */
export const REASONS = ['bot', 'prefetch', 'datacenter', 'too-fast', 'repeat'] as const;
export const BOT = 1;
export const REPEAT = 16;

/** One click with its verdicts: what the counts and the repeat rule read. */
export interface Judged {
  readonly facts: ClickFacts;
  readonly at: number;
  /** The user key's 64-bit hash as PostgreSQL prints a bigint: the repeat state's key. */
  readonly user: string;
  readonly country: string;
  readonly device: string;
  readonly placement: string;
  readonly browser: string;
  readonly os: string;
  readonly referrer: string;
  reasons: number;
}

interface Profile {
  readonly bot: boolean;
  readonly device: string;
  readonly browser: string;
  readonly os: string;
}

// The product's rules at their defaults (bench apps run with them): a click within a second of
// its mint is too fast. The same maintained libraries decide bots, browsers and systems.
const MIN_CLICK_DELAY_MS = 1_000;
const NOT_A_PERSON = /prefetch|prerender|preview/;
const profiles = new Map<string, Profile>();

function deviceClass(ua: string): string {
  if (isbot(ua)) return 'bot';
  if (/iPad|Tablet|PlayBook|Silk|Android(?!.*Mobile)/i.test(ua)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|Windows Phone/i.test(ua)) return 'mobile';
  if (/Windows NT|Macintosh|X11|Linux|CrOS/i.test(ua)) return 'desktop';
  return 'other';
}

function profile(ua: string): Profile {
  let known = profiles.get(ua);
  if (!known) {
    const parser = ua === '' ? null : Bowser.getParser(ua);
    known = parser
      ? {
          bot: isbot(ua),
          device: deviceClass(ua),
          browser: parser.getBrowserName() || 'unknown',
          os: parser.getOSName() || 'unknown',
        }
      : { bot: true, device: 'other', browser: 'unknown', os: 'unknown' }; // bot/2: no user agent
    profiles.set(ua, known);
  }
  return known;
}

/** The stateless verdicts; the repeat rule adds its bit afterwards (repeat-rule.ts). */
export function judge(facts: ClickFacts): Judged {
  let reasons = 0;
  let device: string;
  let browser = 'unknown';
  let os = 'unknown';
  if (facts.userAgent !== null) {
    const p = profile(facts.userAgent);
    if (p.bot) reasons |= BOT;
    ({ device, browser, os } = p);
  } else {
    if (facts.recordedVerdict?.bot) reasons |= BOT;
    device = facts.recordedVerdict?.device ?? 'other';
  }
  if (facts.declaredPurpose !== null && NOT_A_PERSON.test(facts.declaredPurpose)) reasons |= 2;
  if (facts.addressClass === 'datacenter') reasons |= 4;
  const ms = facts.msSinceMint;
  if (ms !== null && ms >= 0 && ms < MIN_CLICK_DELAY_MS) reasons |= 8;
  const [hi, lo] = hashKey(facts.userKey);
  const user = BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString();
  return {
    facts,
    at: Date.parse(facts.clickedAt),
    user,
    country: facts.country ?? 'unknown',
    device,
    placement: facts.placement ?? 'unknown',
    browser,
    os,
    // Version 1 events recorded no referrer: 'unknown'; a version 2 click without one: 'none'.
    referrer: facts.referrerHost ?? (facts.userAgent === null ? 'unknown' : 'none'),
    reasons,
  };
}
