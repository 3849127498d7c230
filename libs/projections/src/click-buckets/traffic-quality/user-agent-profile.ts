import { DeviceClass } from '@app/contracts';
import Bowser from 'bowser';
import { isbot } from 'isbot';
import { classify } from './device-class';

/** What the projection reads from a user agent. */
export interface UserAgentProfile {
  /** isbot's verdict (its maintained list of crawlers, scanners and previewers). */
  readonly bot: boolean;
  readonly device: DeviceClass;
  /** Browser and operating system names as bowser (MIT) gives them; 'unknown' when it cannot. */
  readonly browser: string;
  readonly os: string;
}

/** No user agent at all: every browser sends one, so it is a bot (rule bot/2). */
const ABSENT: UserAgentProfile = {
  bot: true,
  device: 'other',
  browser: 'unknown',
  os: 'unknown',
};

function profile(userAgent: string): UserAgentProfile {
  if (userAgent === '') return ABSENT;
  const parser = Bowser.getParser(userAgent);
  return {
    bot: isbot(userAgent),
    device: classify(userAgent),
    browser: parser.getBrowserName() || 'unknown',
    os: parser.getOSName() || 'unknown',
  };
}

// Clicks come from few distinct user agents, and both isbot's alternation and bowser's parse
// cost microseconds: remember recent answers, bounded in entries and key length (a flood of
// made-up user agents costs one parse each and a few hundred KiB).
export const PROFILE_CACHE_ENTRIES = 2_000;
const CACHEABLE_LENGTH = 512;
const cache = new Map<string, UserAgentProfile>();

/** The profile of a user agent, remembered. Pure: the same input always gives the same answer. */
export function userAgentProfile(userAgent: string): UserAgentProfile {
  const known = cache.get(userAgent);
  if (known !== undefined) return known;
  const answer = profile(userAgent);
  if (userAgent.length <= CACHEABLE_LENGTH) {
    if (cache.size >= PROFILE_CACHE_ENTRIES) cache.clear();
    cache.set(userAgent, answer);
  }
  return answer;
}
