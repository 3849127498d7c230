/**
 * ClickRecorded: one click on one impression, in stream click-<impressionId> (a person's click),
 * or click-<impressionId>.screened (a request that looked automated at ingest; see ClickLane).
 * A stored event's meaning never changes; a new shape gets a new version and an upcaster
 * (click-recorded.upcast.ts), so the projections see one shape whatever version was stored.
 */
export const CLICK_RECORDED = 'ClickRecorded';

export type DeviceClass = 'desktop' | 'mobile' | 'tablet' | 'bot' | 'other';
export const DEVICE_CLASSES: readonly DeviceClass[] = [
  'desktop',
  'mobile',
  'tablet',
  'bot',
  'other',
];

/**
 * Where the client address falls, decided at ingest (the address itself is never stored):
 * in a data-centre or cloud range of the operator's list, outside every range, or not
 * checked because no list was configured.
 */
export type AddressClass = 'datacenter' | 'other' | 'unchecked';
export const ADDRESS_CLASSES: readonly AddressClass[] = ['datacenter', 'other', 'unchecked'];

/** What every version carries. */
interface ClickRecordedCommon {
  readonly impressionId: string;
  readonly adId: string;
  readonly advertiserId: string;
  /** ISO 8601, server time when the click arrived (event time for every bucket). */
  readonly clickedAt: string;
  /** The token's userId, else a salted daily hash of IP and user agent; never a raw IP. */
  readonly userKey: string;
  readonly country: string | null;
  readonly placement: string | null;
  /** The ad was paused when clicked: still redirected and recorded, flagged for queries. */
  readonly adPaused: boolean;
}

/** Version 1 (to 2026-12): the tracker judged bots itself, with isbot, and kept the verdict. */
export interface ClickRecordedV1Data extends ClickRecordedCommon {
  readonly version: 1;
  readonly device: DeviceClass;
  readonly bot: boolean;
}

/** The longest user agent an event keeps; real ones are 100-300 characters. */
export const MAX_STORED_USER_AGENT = 512;
/** The longest declared purpose kept (`prefetch;prerender` and the like are short). */
export const MAX_STORED_PURPOSE = 64;

/**
 * Version 2: the request's facts, no verdicts. Bot, browser, device and validity are judged in
 * the projections by versioned rules, so a rebuild re-judges history with today's rules.
 */
export interface ClickRecordedV2Data extends ClickRecordedCommon {
  readonly version: 2;
  /** The User-Agent header, cut at MAX_STORED_USER_AGENT characters ('' when absent). */
  readonly userAgent: string;
  /** The Referer's host name only (never its path or query), lower case; null when absent. */
  readonly referrerHost: string | null;
  /**
   * What the request declared itself to be: the values of Sec-Purpose, Purpose, X-Purpose and
   * X-Moz that are present, in that order, joined by ", " (`prefetch`, `preview`...), lower
   * case, cut at MAX_STORED_PURPOSE; null: none. (Events stored before 2026-12-07 kept only the
   * first present; a rule that looks for a word in it reads both the same way.)
   */
  readonly declaredPurpose: string | null;
  readonly addressClass: AddressClass;
  /**
   * Milliseconds from the impression's mint (the token's issue time) to the click; null when
   * the token carries no issue time (tokens minted before version 2 of the token).
   */
  readonly msSinceMint: number | null;
}

/** What the tracker writes today. */
export type ClickRecordedData = ClickRecordedV2Data;

/**
 * Which of an impression's two streams a click goes to. A link scanner, previewer or prefetch
 * usually reaches a link before the person does; if it took the impression's only stream, the
 * person's click would be a duplicate and never recorded. So a request that looks automated at
 * ingest (see the tracker's click-lane.ts) goes to a stream of its own, and each stream takes
 * one click at most: an impression records at most one click that looked like a person's and
 * one that did not. Validity is still judged by the projection's rules, from the facts.
 */
export type ClickLane = 'person' | 'screened';

export function clickStreamId(impressionId: string, lane: ClickLane = 'person'): string {
  // Impression ids are base64url (no "."), so the suffix cannot make another impression's id.
  return lane === 'person' ? `click-${impressionId}` : `click-${impressionId}.screened`;
}

/** Declared purposes that say "not a person following the link" (the prefetch rule's words). */
export const NON_PERSON_PURPOSE = /prefetch|prerender|preview/;
