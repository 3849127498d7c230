import { type Granularity, UNIT_MS } from '@app/read-models/granularity';

const HOUR = 3_600_000;

/**
 * A series counts whole buckets: the first one holding the range's start, the last one holding
 * the instant before its end. When the range does not start or end on a bucket boundary (the
 * last 24 hours, hour by hour), the chart and table count a little more than the range, and
 * more than its totals: this says so, in words, or returns null when they cover the same.
 */
export function widenedBucketsNote(
  starts: readonly string[],
  range: { readonly from: Date; readonly to: Date },
  granularity: Granularity,
  timezone: string,
): string | null {
  if (starts.length === 0) return null;
  const first = Date.parse(starts[0]);
  const last = Date.parse(starts[starts.length - 1]);
  const tail = range.to.getTime() - last;
  // A local day is 23 to 25 hours long; other buckets have one length.
  const endsOnBoundary =
    granularity === 'DAY'
      ? [23 * HOUR, 24 * HOUR, 25 * HOUR].includes(tail)
      : tail === UNIT_MS[granularity];
  const startsOnBoundary = first === range.from.getTime();
  if (startsOnBoundary && endsOnBoundary) return null;
  const unit = granularity.toLowerCase();
  const at = new Intl.DateTimeFormat('en', {
    timeZone: timezone,
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const sides = [
    !startsOnBoundary && `the first starts at ${at.format(first)}, before the range`,
    !endsOnBoundary && `the last ${unit} runs past the range's end`,
  ].filter(Boolean);
  return (
    `Rounded out to whole ${unit}s: ${sides.join(', and ')}. The chart and table count those ` +
    `whole ${unit}s, so they can add up to more than the totals, which cover the range exactly.`
  );
}
