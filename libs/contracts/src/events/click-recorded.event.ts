/**
 * ClickRecorded, version 1: one valid click on one impression, in stream click-<impressionId>.
 * A stored event's meaning never changes; a new shape gets a new version and an upcaster.
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

export interface ClickRecordedData {
  readonly version: 1;
  readonly impressionId: string;
  readonly adId: string;
  readonly advertiserId: string;
  /** ISO 8601, server time when the click arrived (event time for every bucket). */
  readonly clickedAt: string;
  /** The token's userId, else a salted daily hash of IP and user agent; never a raw IP. */
  readonly userKey: string;
  readonly country: string | null;
  readonly device: DeviceClass;
  readonly bot: boolean;
  readonly placement: string | null;
  /** The ad was paused when clicked: still redirected and recorded, flagged for queries. */
  readonly adPaused: boolean;
}

export function clickStreamId(impressionId: string): string {
  return `click-${impressionId}`;
}

/** Validates a stored event's data; the projector dead-letters what fails here. */
export function parseClickRecorded(data: unknown): ClickRecordedData {
  const d = data as Partial<ClickRecordedData> | null;
  const problems: string[] = [];
  if (!d || typeof d !== 'object') throw new Error('ClickRecorded data is not an object');
  if (d.version !== 1) problems.push(`unsupported version ${String(d.version)}`);
  for (const field of ['impressionId', 'adId', 'advertiserId', 'userKey'] as const) {
    if (typeof d[field] !== 'string' || d[field] === '') problems.push(`${field} missing`);
  }
  if (typeof d.clickedAt !== 'string' || Number.isNaN(Date.parse(d.clickedAt)))
    problems.push('clickedAt is not a timestamp');
  if (!DEVICE_CLASSES.includes(d.device as DeviceClass))
    problems.push(`unknown device "${String(d.device)}"`);
  if (typeof d.bot !== 'boolean') problems.push('bot is not a boolean');
  if (problems.length > 0) throw new Error(`malformed ClickRecorded: ${problems.join(', ')}`);
  return d as ClickRecordedData;
}
