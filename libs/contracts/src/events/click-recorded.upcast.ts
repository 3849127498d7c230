import {
  ADDRESS_CLASSES,
  AddressClass,
  ClickRecordedV1Data,
  ClickRecordedV2Data,
  DEVICE_CLASSES,
  DeviceClass,
} from './click-recorded.event';
import { isUuid } from '../uuid-text';

/**
 * The one shape the projections read, whatever version was stored: version 2's facts, with
 * what version 1 never recorded as null, and version 1's own verdict kept apart (a rule can
 * fall back on it, since version 1 kept no user agent to judge again).
 */
export interface ClickFacts {
  readonly impressionId: string;
  readonly adId: string;
  readonly advertiserId: string;
  readonly clickedAt: string;
  readonly userKey: string;
  readonly country: string | null;
  readonly placement: string | null;
  readonly adPaused: boolean;
  /** null: not recorded (version 1). */
  readonly userAgent: string | null;
  readonly referrerHost: string | null;
  readonly declaredPurpose: string | null;
  /** null: not recorded (version 1). */
  readonly addressClass: AddressClass | null;
  readonly msSinceMint: number | null;
  /** Version 1 only: the tracker's isbot verdict and device class at ingest. */
  readonly recordedVerdict: { readonly bot: boolean; readonly device: DeviceClass } | null;
}

/**
 * Validates a stored event's data and upcasts it to ClickFacts; the projector dead-letters what
 * fails here. The stored event is never rewritten.
 */
export function parseClickRecorded(data: unknown): ClickFacts {
  if (!data || typeof data !== 'object') throw new Error('ClickRecorded data is not an object');
  const d = data as Partial<ClickRecordedV1Data> & Partial<Omit<ClickRecordedV2Data, 'version'>>;
  const problems: string[] = [];
  for (const field of ['impressionId', 'adId', 'advertiserId', 'userKey'] as const) {
    if (typeof d[field] !== 'string' || d[field] === '') problems.push(`${field} missing`);
  }
  // The read models key on these as uuid columns: one that is not a UUID would fail its whole
  // batch on every retry and stall the projection, so it is set aside here instead.
  for (const field of ['adId', 'advertiserId'] as const) {
    if (typeof d[field] === 'string' && d[field] !== '' && !isUuid(d[field]))
      problems.push(`${field} is not a UUID`);
  }
  if (typeof d.clickedAt !== 'string' || !inBucketRange(Date.parse(d.clickedAt)))
    problems.push('clickedAt is not a timestamp between 1970 and 9999');
  // These go into text and boolean columns as they are: a number would be kept as its digits
  // and an object as its JSON, a country of "{}" in every breakdown after it.
  if (!nullableString(d.country)) problems.push('country is not a string');
  if (!nullableString(d.placement)) problems.push('placement is not a string');
  // Absent reads as false, as it always has; anything but a boolean is not a flag.
  if (d.adPaused !== undefined && typeof d.adPaused !== 'boolean')
    problems.push('adPaused is not a boolean');
  const version = (data as { version?: unknown }).version;
  if (version === 1) {
    if (!DEVICE_CLASSES.includes(d.device as DeviceClass))
      problems.push(`unknown device "${String(d.device)}"`);
    if (typeof d.bot !== 'boolean') problems.push('bot is not a boolean');
  } else if (version === 2) {
    if (typeof d.userAgent !== 'string') problems.push('userAgent is not a string');
    if (!nullableString(d.referrerHost)) problems.push('referrerHost is not a string');
    if (!nullableString(d.declaredPurpose)) problems.push('declaredPurpose is not a string');
    if (!ADDRESS_CLASSES.includes(d.addressClass as AddressClass))
      problems.push(`unknown addressClass "${String(d.addressClass)}"`);
    if (d.msSinceMint !== null && !Number.isFinite(d.msSinceMint))
      problems.push('msSinceMint is not a number');
  } else {
    problems.push(`unsupported version ${String(version)}`);
  }
  if (problems.length > 0) throw new Error(`malformed ClickRecorded: ${problems.join(', ')}`);

  const common = {
    impressionId: d.impressionId!,
    adId: d.adId!,
    advertiserId: d.advertiserId!,
    clickedAt: d.clickedAt!,
    userKey: d.userKey!,
    country: d.country ?? null,
    placement: d.placement ?? null,
    adPaused: d.adPaused === true,
  };
  if (version === 1)
    return {
      ...common,
      userAgent: null,
      referrerHost: null,
      declaredPurpose: null,
      addressClass: null,
      msSinceMint: null,
      recordedVerdict: { bot: d.bot!, device: d.device! },
    };
  return {
    ...common,
    userAgent: d.userAgent!,
    referrerHost: d.referrerHost ?? null,
    declaredPurpose: d.declaredPurpose ?? null,
    addressClass: d.addressClass!,
    msSinceMint: d.msSinceMint ?? null,
    recordedVerdict: null,
  };
}

/**
 * Years a bucket can be kept and labelled for: PostgreSQL's timestamps stop in 294276, and a
 * day bucket in a zone ahead of UTC must still have a four-digit year.
 */
const inBucketRange = (ms: number): boolean =>
  Number.isFinite(ms) && ms >= Date.UTC(1970, 0, 1) && ms < Date.UTC(9999, 11, 31);

const nullableString = (value: unknown): boolean =>
  value === undefined || value === null || typeof value === 'string';
