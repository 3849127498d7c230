import { ClickRecordedData } from '@app/contracts';
import {
  bucketStart,
  GRANULARITIES,
  Granularity,
  KeyHash,
  shiftedHourStarts,
  SketchBuilder,
} from '@app/read-models';

export interface BucketDelta {
  readonly adId: string;
  readonly bucketStart: number;
  clicks: number;
  botClicks: number;
  pausedClicks: number;
  readonly users: SketchBuilder;
}

/** What a breakdown splits clicks by, as stored. */
export type BreakdownDimension = 'country' | 'device' | 'placement';

export interface BreakdownDelta {
  readonly adId: string;
  readonly bucketStart: number;
  readonly dimension: BreakdownDimension;
  readonly value: string;
  clicks: number;
  botClicks: number;
}

/**
 * Collapses a batch of clicks into one delta per (ad, bucket) for each granularity and for the
 * shifted hours, and per (ad, bucket, dimension, value) for the breakdowns at each
 * granularity: a hot ad with 10,000 clicks in a batch costs
 * one row write per table, not 10,000. Buckets follow event time (clickedAt), so a late click
 * lands where it happened. Unique users count valid (non-bot) clicks only.
 */
export class BucketAccumulator {
  readonly buckets: Record<Granularity, Map<string, BucketDelta>> = {
    MINUTE: new Map(),
    HOUR: new Map(),
    DAY: new Map(),
  };
  /** Hours starting 15, 30 and 45 minutes past the UTC hour: all three in one map. */
  readonly shiftedHours = new Map<string, BucketDelta>();
  readonly breakdowns: Record<Granularity, Map<string, BreakdownDelta>> = {
    MINUTE: new Map(),
    HOUR: new Map(),
    DAY: new Map(),
  };

  add(click: ClickRecordedData, userHash: KeyHash): void {
    const at = Date.parse(click.clickedAt);
    for (const granularity of GRANULARITIES)
      addToBucket(this.buckets[granularity], bucketStart(at, granularity), click, userHash);
    for (const start of shiftedHourStarts(at))
      addToBucket(this.shiftedHours, start, click, userHash);
    for (const granularity of GRANULARITIES) {
      const deltas = this.breakdowns[granularity];
      const start = bucketStart(at, granularity);
      addBreakdown(deltas, click, start, 'country', click.country ?? 'unknown');
      addBreakdown(deltas, click, start, 'device', click.device);
      addBreakdown(deltas, click, start, 'placement', click.placement ?? 'unknown');
    }
  }
}

function addToBucket(
  deltas: Map<string, BucketDelta>,
  start: number,
  click: ClickRecordedData,
  userHash: KeyHash,
): void {
  const key = `${click.adId}|${start}`;
  let delta = deltas.get(key);
  if (!delta) {
    delta = {
      adId: click.adId,
      bucketStart: start,
      clicks: 0,
      botClicks: 0,
      pausedClicks: 0,
      users: new SketchBuilder(),
    };
    deltas.set(key, delta);
  }
  if (click.bot) {
    delta.botClicks++;
  } else {
    delta.clicks++;
    delta.users.addHash(userHash);
  }
  if (click.adPaused) delta.pausedClicks++;
}

function addBreakdown(
  deltas: Map<string, BreakdownDelta>,
  click: ClickRecordedData,
  start: number,
  dimension: BreakdownDimension,
  value: string,
): void {
  const key = `${click.adId}|${start}|${dimension}|${value}`;
  let delta = deltas.get(key);
  if (!delta) {
    delta = { adId: click.adId, bucketStart: start, dimension, value, clicks: 0, botClicks: 0 };
    deltas.set(key, delta);
  }
  if (click.bot) delta.botClicks++;
  else delta.clicks++;
}
