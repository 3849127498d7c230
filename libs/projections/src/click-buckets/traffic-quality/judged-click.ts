import { ClickFacts, NON_PERSON_PURPOSE } from '@app/contracts';
import { hashKey, KeyHash } from '@app/read-models';
import { REASON_BIT, ReasonSet } from './invalid-reasons';
import { QualityRules } from './quality-rules';
import { userAgentProfile } from './user-agent-profile';

/** A click read from the log with everything the rules and the buckets need, computed once. */
export interface JudgedClick {
  readonly facts: ClickFacts;
  readonly at: number;
  readonly userHash: KeyHash;
  readonly device: string;
  readonly browser: string;
  readonly os: string;
  /** The reasons no state is needed for; the repeat rule adds its own in the batch's transaction. */
  readonly reasons: ReasonSet;
}

/**
 * The stateless rules, deterministic from the event alone (and the rules' settings):
 * - bot: isbot on the stored user agent, or no user agent at all (a browser always sends one);
 *   a version 1 event kept none, so its recorded verdict.
 * - prefetch: the request declared itself a prefetch, prerender or preview.
 * - datacenter: the address was in the tracker's data-centre list.
 * - too-fast: the click came sooner than minClickDelayMs after the mint (unknown for version 1
 *   tokens; a negative time, the minting clock ahead of the tracker's, is not judged).
 */
export function judgeClick(facts: ClickFacts, rules: QualityRules): JudgedClick {
  let reasons = 0;
  let device: string;
  let browser = 'unknown';
  let os = 'unknown';
  if (facts.userAgent !== null) {
    const profile = userAgentProfile(facts.userAgent);
    if (profile.bot) reasons |= REASON_BIT.bot;
    ({ device, browser, os } = profile);
  } else {
    if (facts.recordedVerdict?.bot) reasons |= REASON_BIT.bot;
    device = facts.recordedVerdict?.device ?? 'other';
  }
  if (facts.declaredPurpose !== null && NON_PERSON_PURPOSE.test(facts.declaredPurpose))
    reasons |= REASON_BIT.prefetch;
  if (facts.addressClass === 'datacenter') reasons |= REASON_BIT.datacenter;
  if (
    rules.minClickDelayMs > 0 &&
    facts.msSinceMint !== null &&
    facts.msSinceMint >= 0 &&
    facts.msSinceMint < rules.minClickDelayMs
  )
    reasons |= REASON_BIT['too-fast'];
  return {
    facts,
    at: Date.parse(facts.clickedAt),
    userHash: hashKey(facts.userKey),
    device,
    browser,
    os,
    reasons,
  };
}
