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
  const lastEnd = granularity === 'DAY' ? localDayEnd(last, timezone) : last + UNIT_MS[granularity];
  const endsOnBoundary = range.to.getTime() === lastEnd;
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

/**
 * The next local midnight after a local midnight: 24 hours later, or 23, 25 (DST), 23.5 or
 * 24.5 (Lord Howe Island) where the clock changes that day.
 */
function localDayEnd(dayStart: number, timezone: string): number {
  const clock = new Intl.DateTimeFormat('en', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const hours of [24, 23, 25, 23.5, 24.5]) {
    const end = dayStart + hours * HOUR;
    if (clock.format(end) === '00:00') return end;
  }
  return dayStart + 24 * HOUR;
}
