import { AddressClass, ClickLane, NON_PERSON_PURPOSE } from '@app/contracts';
import { isbot } from 'isbot';

/** What the lane is decided from: facts the tracker has already read from the request. */
export interface LaneFacts {
  readonly userAgent: string;
  readonly declaredPurpose: string | null;
  readonly addressClass: AddressClass;
}

/**
 * The stream a click goes to (see ClickLane): `screened` when the request looks automated, so
 * that a scanner or prefetch reaching the link first does not use up the person's click. This
 * only routes; whether a click is valid is the projection's judgement, by its versioned rules.
 */
export function clickLane(facts: LaneFacts): ClickLane {
  if (facts.userAgent === '' || facts.addressClass === 'datacenter') return 'screened';
  if (facts.declaredPurpose !== null && NON_PERSON_PURPOSE.test(facts.declaredPurpose))
    return 'screened';
  return knownBot(facts.userAgent) ? 'screened' : 'person';
}

// isbot's alternation costs microseconds and clicks come from few user agents: remember
// recent answers, bounded (a flood of made-up user agents costs one test each).
const CACHE_ENTRIES = 2_000;
const cache = new Map<string, boolean>();

function knownBot(userAgent: string): boolean {
  const known = cache.get(userAgent);
  if (known !== undefined) return known;
  const bot = isbot(userAgent);
  if (cache.size >= CACHE_ENTRIES) cache.clear();
  cache.set(userAgent, bot);
  return bot;
}
