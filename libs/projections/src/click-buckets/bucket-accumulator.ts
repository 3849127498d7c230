import {
  bucketStart,
  GRANULARITIES,
  Granularity,
  shiftedHourStarts,
  SketchBuilder,
} from '@app/read-models';
import { INVALID_REASONS, REASON_BIT, ReasonSet } from './traffic-quality/invalid-reasons';
import { JudgedClick } from './traffic-quality/judged-click';

export interface BucketDelta {
  readonly adId: string;
  readonly bucketStart: number;
  /** Valid clicks. */
  clicks: number;
  /** Invalid clicks with the bot reason among theirs (what `botClicks` always answered). */
  botClicks: number;
  /** Invalid clicks, whatever their reasons. */
  invalidClicks: number;
  pausedClicks: number;
  /** Users of valid clicks only. */
  readonly users: SketchBuilder;
}

/** What a breakdown splits clicks by, as stored. */
export type BreakdownDimension =
  'country' | 'device' | 'placement' | 'browser' | 'os' | 'referrer' | 'invalid_reason';

export interface BreakdownDelta {
  readonly adId: string;
  readonly bucketStart: number;
  readonly dimension: BreakdownDimension;
  readonly value: string;
  clicks: number;
  botClicks: number;
  invalidClicks: number;
}

/**
 * Collapses a batch of judged clicks into one delta per (ad, bucket) for each granularity and
 * for the shifted hours, and per (ad, bucket, dimension, value) for the breakdowns at each
 * granularity: a hot ad with 10,000 clicks in a batch costs one row write per table, not
 * 10,000. Buckets follow event time (clickedAt), so a late click lands where it happened.
 * Unique users count valid clicks only. An invalid click counts once under each of its
 * reasons in the `invalid_reason` breakdown, so those rows may add up to more than the
 * bucket's invalid clicks.
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

  add(click: JudgedClick, reasons: ReasonSet): void {
    const at = click.at;
    const facts = click.facts;
    for (const granularity of GRANULARITIES)
      addToBucket(this.buckets[granularity], bucketStart(at, granularity), click, reasons);
    for (const start of shiftedHourStarts(at))
      addToBucket(this.shiftedHours, start, click, reasons);
    // Version 1 events recorded no referrer: "unknown"; a version 2 click without one: "none".
    const referrer = facts.referrerHost ?? (facts.userAgent === null ? 'unknown' : 'none');
    for (const granularity of GRANULARITIES) {
      const deltas = this.breakdowns[granularity];
      const start = bucketStart(at, granularity);
      const adId = facts.adId;
      addBreakdown(deltas, adId, start, 'country', facts.country ?? 'unknown', reasons);
      addBreakdown(deltas, adId, start, 'device', click.device, reasons);
      addBreakdown(deltas, adId, start, 'placement', facts.placement ?? 'unknown', reasons);
      addBreakdown(deltas, adId, start, 'browser', click.browser, reasons);
      addBreakdown(deltas, adId, start, 'os', click.os, reasons);
      addBreakdown(deltas, adId, start, 'referrer', referrer, reasons);
      if (reasons !== 0)
        for (const reason of INVALID_REASONS)
          if ((reasons & REASON_BIT[reason]) !== 0)
            addBreakdown(deltas, adId, start, 'invalid_reason', reason, reasons);
    }
  }
}

function addToBucket(
  deltas: Map<string, BucketDelta>,
  start: number,
  click: JudgedClick,
  reasons: ReasonSet,
): void {
  const key = `${click.facts.adId}|${start}`;
  let delta = deltas.get(key);
  if (!delta) {
    delta = {
      adId: click.facts.adId,
      bucketStart: start,
      clicks: 0,
      botClicks: 0,
      invalidClicks: 0,
      pausedClicks: 0,
      users: new SketchBuilder(),
    };
    deltas.set(key, delta);
  }
  if (reasons === 0) {
    delta.clicks++;
    delta.users.addHash(click.userHash);
  } else {
    delta.invalidClicks++;
    if ((reasons & REASON_BIT.bot) !== 0) delta.botClicks++;
  }
  if (click.facts.adPaused) delta.pausedClicks++;
}

function addBreakdown(
  deltas: Map<string, BreakdownDelta>,
  adId: string,
  start: number,
  dimension: BreakdownDimension,
  value: string,
  reasons: ReasonSet,
): void {
  const key = `${adId}|${start}|${dimension}|${value}`;
  let delta = deltas.get(key);
  if (!delta) {
    delta = {
      adId,
      bucketStart: start,
      dimension,
      value,
      clicks: 0,
      botClicks: 0,
      invalidClicks: 0,
    };
    deltas.set(key, delta);
  }
  if (reasons === 0) {
    delta.clicks++;
  } else {
    delta.invalidClicks++;
    if ((reasons & REASON_BIT.bot) !== 0) delta.botClicks++;
  }
}
