import { bucketStart, shiftedHourStarts } from '@app/read-models';
import { BOT, Judged, REASONS } from './judge';

/** Plain counters of one row: no sketch, no unique users. */
export interface Counts {
  clicks: number;
  botClicks: number;
  invalidClicks: number;
  pausedClicks: number;
}

export const GRAINS = ['MINUTE', 'HOUR', 'DAY'] as const;

/**
 * One batch's counts per row of every table the product's click-buckets projection writes
 * (minute, hour, day and shifted-hour buckets; minute, hour and day breakdowns by country,
 * device, placement, browser, OS, referrer and invalid reason), in maps keyed by a string:
 * the least a catch-up projector must compute before it writes those rows.
 */
export class ClickCounts {
  readonly buckets = GRAINS.map(() => new Map<string, Counts>());
  readonly shifted = new Map<string, Counts>();
  readonly breakdowns = GRAINS.map(() => new Map<string, Counts>());

  add(click: Judged): void {
    const f = click.facts;
    const r = click.reasons;
    const paused = f.adPaused;
    for (let g = 0; g < GRAINS.length; g++) {
      const prefix = `${f.adId}|${bucketStart(click.at, GRAINS[g])}`;
      count(this.buckets[g], prefix, r, paused);
      const b = this.breakdowns[g];
      count(b, `${prefix}|country|${click.country}`, r, false);
      count(b, `${prefix}|device|${click.device}`, r, false);
      count(b, `${prefix}|placement|${click.placement}`, r, false);
      count(b, `${prefix}|browser|${click.browser}`, r, false);
      count(b, `${prefix}|os|${click.os}`, r, false);
      count(b, `${prefix}|referrer|${click.referrer}`, r, false);
      for (let i = 0; i < REASONS.length; i++)
        if ((r & (1 << i)) !== 0) count(b, `${prefix}|invalid_reason|${REASONS[i]}`, r, false);
    }
    for (const start of shiftedHourStarts(click.at))
      count(this.shifted, `${f.adId}|${start}`, r, paused);
  }
}

function count(map: Map<string, Counts>, key: string, reasons: number, paused: boolean): void {
  let counts = map.get(key);
  if (!counts) {
    counts = { clicks: 0, botClicks: 0, invalidClicks: 0, pausedClicks: 0 };
    map.set(key, counts);
  }
  if (reasons === 0) counts.clicks++;
  else {
    counts.invalidClicks++;
    if ((reasons & BOT) !== 0) counts.botClicks++;
  }
  if (paused) counts.pausedClicks++;
}
