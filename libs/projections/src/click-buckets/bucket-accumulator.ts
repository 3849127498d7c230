import {
  bucketStart,
  GRANULARITIES,
  Granularity,
  HOUR_SHIFTS_MS,
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

/** A bucket of one granularity with the breakdown deltas of the same (ad, bucket). */
interface BucketCell extends BucketDelta {
  /** By the (dimension, value)'s key (see `breakdownKey`). */
  readonly breakdowns: Map<number | string, BreakdownDelta>;
}

/** Per ad, then per bucket start: a batch looks its ad up once per granularity. */
type Cells<T> = Map<string, Map<number, T>>;

/**
 * Collapses a batch of judged clicks into one delta per (ad, bucket) for each granularity and
 * for the shifted hours, and per (ad, bucket, dimension, value) for the breakdowns at each
 * granularity: a hot ad with 10,000 clicks in a batch costs one row write per table, not
 * 10,000. Buckets follow event time (clickedAt), so a late click lands where it happened.
 * Unique users count valid clicks only. An invalid click counts once under each of its
 * reasons in the `invalid_reason` breakdown, so those rows may add up to more than the
 * bucket's invalid clicks.
 *
 * Deltas are keyed by ad, then bucket start, and a bucket's breakdowns hang from it: a click
 * builds no key string (a profile of the string-keyed version found a third of the batch's
 * time in building keys and collecting them).
 */
export class BucketAccumulator {
  private readonly cells: Record<Granularity, Cells<BucketCell>> = {
    MINUTE: new Map(),
    HOUR: new Map(),
    DAY: new Map(),
  };
  /** Hours starting 15, 30 and 45 minutes past the UTC hour: all three in one map. */
  private readonly shifted: Cells<BucketDelta> = new Map();
  private readonly counts = { buckets: 0, breakdowns: 0 };

  /** The breakdowns of the click being added: reused, so a click allocates no list. */
  private readonly slots: BreakdownKey[] = [];

  add(click: JudgedClick, reasons: ReasonSet): void {
    const at = click.at;
    const facts = click.facts;
    const adId = facts.adId;
    // Version 1 events recorded no referrer: "unknown"; a version 2 click without one: "none".
    const referrer = facts.referrerHost ?? (facts.userAgent === null ? 'unknown' : 'none');
    // Each (dimension, value) is looked up once per click, not once per granularity.
    const slots = this.slots;
    let n = 0;
    slots[n++] = breakdownKey('country', facts.country ?? 'unknown');
    slots[n++] = breakdownKey('device', click.device);
    slots[n++] = breakdownKey('placement', facts.placement ?? 'unknown');
    slots[n++] = breakdownKey('browser', click.browser);
    slots[n++] = breakdownKey('os', click.os);
    slots[n++] = breakdownKey('referrer', referrer);
    if (reasons !== 0)
      for (const reason of INVALID_REASONS)
        if ((reasons & REASON_BIT[reason]) !== 0)
          slots[n++] = breakdownKey('invalid_reason', reason);
    for (const granularity of GRANULARITIES) {
      const cell = this.cell(this.cells[granularity], adId, bucketStart(at, granularity), true);
      count(cell, click, reasons);
      for (let i = 0; i < n; i++) this.addBreakdown(cell, slots[i], reasons);
    }
    // shiftedHourStarts inlined: it answers a new array per click.
    for (const shift of HOUR_SHIFTS_MS) {
      const start = bucketStart(at - shift, Granularity.HOUR) + shift;
      count(this.cell(this.shifted, adId, start, false), click, reasons);
    }
  }

  /** The bucket deltas of one granularity. */
  *buckets(granularity: Granularity): Iterable<BucketDelta> {
    for (const byStart of this.cells[granularity].values()) yield* byStart.values();
  }

  *shiftedHours(): Iterable<BucketDelta> {
    for (const byStart of this.shifted.values()) yield* byStart.values();
  }

  /** The breakdown deltas of one granularity. */
  *breakdowns(granularity: Granularity): Iterable<BreakdownDelta> {
    for (const byStart of this.cells[granularity].values())
      for (const cell of byStart.values()) yield* cell.breakdowns.values();
  }

  /** Rows held: what a rebuild's replay bounds its memory by. */
  get size(): number {
    return this.counts.buckets + this.counts.breakdowns;
  }

  private cell<T extends BucketDelta>(
    cells: Cells<T>,
    adId: string,
    start: number,
    withBreakdowns: boolean,
  ): T {
    let byStart = cells.get(adId);
    if (!byStart) {
      byStart = new Map();
      cells.set(adId, byStart);
    }
    let cell = byStart.get(start);
    if (!cell) {
      cell = {
        adId,
        bucketStart: start,
        clicks: 0,
        botClicks: 0,
        invalidClicks: 0,
        pausedClicks: 0,
        users: new SketchBuilder(),
        ...(withBreakdowns && { breakdowns: new Map() }),
      } as T;
      byStart.set(start, cell);
      this.counts.buckets++;
    }
    return cell;
  }

  private addBreakdown(cell: BucketCell, key: BreakdownKey, reasons: ReasonSet): void {
    let delta = cell.breakdowns.get(key.key);
    if (!delta) {
      delta = {
        adId: cell.adId,
        bucketStart: cell.bucketStart,
        dimension: key.dimension,
        value: key.value,
        clicks: 0,
        botClicks: 0,
        invalidClicks: 0,
      };
      cell.breakdowns.set(key.key, delta);
      this.counts.breakdowns++;
    }
    if (reasons === 0) {
      delta.clicks++;
    } else {
      delta.invalidClicks++;
      if ((reasons & REASON_BIT.bot) !== 0) delta.botClicks++;
    }
  }
}

function count(delta: BucketDelta, click: JudgedClick, reasons: ReasonSet): void {
  if (reasons === 0) {
    delta.clicks++;
    delta.users.addHash(click.userHash);
  } else {
    delta.invalidClicks++;
    if ((reasons & REASON_BIT.bot) !== 0) delta.botClicks++;
  }
  if (click.facts.adPaused) delta.pausedClicks++;
}

/** A (dimension, value) and its key in a bucket's breakdowns. */
interface BreakdownKey {
  readonly dimension: BreakdownDimension;
  readonly value: string;
  /** A number while interned (a cheaper map key than a string), else `dimension|value`. */
  readonly key: number | string;
}

// Breakdown values repeat endlessly (a few countries, browsers, referrers): each (dimension,
// value) is interned once, with a number for its key, instead of a key string per click.
// Bounded like the user-agent cache, since values come from requests: past the bound, a new
// value gets a string key each time. Nothing interned is ever forgotten, so a value has the
// same key for the life of the process (a cleared cache would give one value two keys, and
// a bucket two rows for it).
const INTERNED_MAX = 10_000;
const interned = new Map<BreakdownDimension, Map<string, BreakdownKey>>();
let internedCount = 0;

function breakdownKey(dimension: BreakdownDimension, value: string): BreakdownKey {
  let byValue = interned.get(dimension);
  if (!byValue) {
    byValue = new Map();
    interned.set(dimension, byValue);
  }
  let key = byValue.get(value);
  if (key === undefined) {
    if (internedCount >= INTERNED_MAX) return { dimension, value, key: `${dimension}|${value}` };
    key = { dimension, value, key: internedCount++ };
    byValue.set(value, key);
  }
  return key;
}
