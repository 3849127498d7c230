/** Plain counters of one bucket row: no sketch, no unique users. */
export interface Counts {
  clicks: number;
  botClicks: number;
  pausedClicks: number;
}

/** The fields of a ClickRecorded event this yardstick reads (the JSON the tracker writes). */
export interface ClickData {
  readonly adId: string;
  readonly clickedAt: string;
  readonly bot: boolean;
  readonly adPaused: boolean;
  readonly country: string | null;
  /** Absent from version 2 events, which record facts and leave the device to the projection. */
  readonly device?: string;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/**
 * One batch's counts per (ad, minute/hour/day) and per (ad, day, country/device), in maps keyed
 * by a string: the least a catch-up projector must compute before it writes.
 */
export class ClickCounts {
  readonly minute = new Map<string, Counts>();
  readonly hour = new Map<string, Counts>();
  readonly day = new Map<string, Counts>();
  readonly breakdown = new Map<string, Counts>();

  add(click: ClickData): void {
    const at = Date.parse(click.clickedAt);
    const day = at - (at % DAY);
    count(this.minute, `${click.adId}|${at - (at % MINUTE)}`, click);
    count(this.hour, `${click.adId}|${at - (at % HOUR)}`, click);
    count(this.day, `${click.adId}|${day}`, click);
    count(this.breakdown, `${click.adId}|${day}|country|${click.country ?? 'unknown'}`, click);
    count(this.breakdown, `${click.adId}|${day}|device|${click.device ?? 'unknown'}`, click);
  }
}

function count(map: Map<string, Counts>, key: string, click: ClickData): void {
  let counts = map.get(key);
  if (!counts) {
    counts = { clicks: 0, botClicks: 0, pausedClicks: 0 };
    map.set(key, counts);
  }
  if (click.bot) counts.botClicks++;
  else counts.clicks++;
  if (click.adPaused) counts.pausedClicks++;
}
