/** The GraphQL documents the dashboard sends, and the shapes of their answers. */

export type { Granularity } from '@app/read-models/granularity';
export type Role = 'ADMIN' | 'ADVERTISER';

export const VIEWER = `{ viewer { role advertiser { id name } } }`;
export interface ViewerData {
  viewer: { role: Role; advertiser: { id: string; name: string } | null };
}

/** The sidebar lists this many ads at most, and says so when there may be more. */
export const ADS_SHOWN = 200;
export const ADS = `query Ads { ads(limit: ${ADS_SHOWN}) { id name targetUrl paused advertiser { name } totals { clicks botClicks uniqueUsers } } }`;
export interface Ad {
  id: string;
  name: string;
  advertiser: { name: string } | null;
  targetUrl: string;
  paused: boolean;
  totals: { clicks: number; botClicks: number; uniqueUsers: number };
}
export interface AdsData {
  ads: Ad[];
}

export const SERIES = `query Series($adId: ID!, $from: DateTime!, $to: DateTime!, $granularity: Granularity!, $timezone: String!, $includeBots: Boolean!) {
  clickSeries(adId: $adId, from: $from, to: $to, granularity: $granularity, timezone: $timezone, includeBots: $includeBots) {
    asOf timezone points { start clicks botClicks uniqueUsers }
  }
  clickTotals(adIds: [$adId], from: $from, to: $to) { ads { clicks botClicks invalidClicks uniqueUsers } }
}`;
/**
 * Apart from the series: each breakdown costs the tiles of its range, and with the series and
 * totals a 27-year range would pass the query cost limit in one document.
 */
export const BREAKDOWNS = `query Breakdowns($adId: ID!, $from: DateTime!, $to: DateTime!) {
  country: clickBreakdown(adId: $adId, from: $from, to: $to, dimension: COUNTRY) { entries { value clicks botClicks } }
  device: clickBreakdown(adId: $adId, from: $from, to: $to, dimension: DEVICE) { entries { value clicks botClicks } }
  placement: clickBreakdown(adId: $adId, from: $from, to: $to, dimension: PLACEMENT) { entries { value clicks botClicks } }
}`;
/** Traffic quality and who clicked: a document of its own, for the same cost reason. */
export const QUALITY = `query Quality($adId: ID!, $from: DateTime!, $to: DateTime!) {
  reasons: clickBreakdown(adId: $adId, from: $from, to: $to, dimension: INVALID_REASON) { entries { value clicks botClicks invalidClicks } }
  browser: clickBreakdown(adId: $adId, from: $from, to: $to, dimension: BROWSER) { entries { value clicks botClicks invalidClicks } }
  os: clickBreakdown(adId: $adId, from: $from, to: $to, dimension: OS) { entries { value clicks botClicks invalidClicks } }
  referrer: clickBreakdown(adId: $adId, from: $from, to: $to, dimension: REFERRER) { entries { value clicks botClicks invalidClicks } }
}`;
export interface QualityData {
  reasons: { entries: BreakdownEntry[] };
  browser: { entries: BreakdownEntry[] };
  os: { entries: BreakdownEntry[] };
  referrer: { entries: BreakdownEntry[] };
}
export interface Point {
  start: string;
  clicks: number;
  botClicks: number;
  uniqueUsers: number;
}
export interface BreakdownEntry {
  value: string;
  clicks: number;
  botClicks: number;
  /** Absent in the documents that do not ask for it. */
  invalidClicks?: number;
}
export interface SeriesData {
  clickSeries: { asOf: string | null; timezone: string; points: Point[] };
  clickTotals: {
    ads: { clicks: number; botClicks: number; invalidClicks: number; uniqueUsers: number }[];
  };
}
export interface BreakdownsData {
  country: { entries: BreakdownEntry[] };
  device: { entries: BreakdownEntry[] };
  placement: { entries: BreakdownEntry[] };
}

export const TOP_ADS = `{ topAds(lastMinutes: 60, limit: 10) { ad { id name advertiser { name } } clicks uniqueUsers } }`;
export interface TopAdsData {
  topAds: {
    ad: { id: string; name: string; advertiser: { name: string } | null };
    clicks: number;
    uniqueUsers: number;
  }[];
}

export const PROJECTIONS = `{ projections { name eventsApplied eventsBehind secondsBehind eventsPerSecond asOf deadLetters rules } }`;
export interface ProjectionStatus {
  name: string;
  eventsApplied: number;
  eventsBehind: number;
  secondsBehind: number;
  eventsPerSecond: number;
  asOf: string | null;
  deadLetters: number;
  rules: string | null;
}
export interface ProjectionsData {
  projections: ProjectionStatus[];
}

const JOB = `id projection status error requestedAt finishedAt swapPauseMs
  progress { eventsApplied eventsTotal fraction eventsPerSecond etaSeconds }
  report { eventsReplayed rowsCompared rowsDiffering clicksDifference rules
    clicksMoved { toInvalid toValid ads { adId toInvalid toValid } }
    tables { table rowsCompared rowsDiffering differencesTruncated differences { key live rebuilt } } }`;
export const REBUILDS = `{ rebuilds { ${JOB} } }`;
export const START_REBUILD = `mutation { rebuildProjections { ${JOB} } }`;
export type RebuildStatus =
  'QUEUED' | 'REPLAYING' | 'CATCHING_UP' | 'COMPARING' | 'SWAPPED' | 'FAILED';
export interface Difference {
  key: Record<string, unknown>;
  live: Record<string, unknown> | null;
  rebuilt: Record<string, unknown> | null;
}
export interface Rebuild {
  id: string;
  projection: string;
  status: RebuildStatus;
  error: string | null;
  requestedAt: string;
  finishedAt: string | null;
  swapPauseMs: number | null;
  progress: {
    eventsApplied: number;
    eventsTotal: number | null;
    fraction: number | null;
    eventsPerSecond: number;
    etaSeconds: number | null;
  };
  report: {
    eventsReplayed: number;
    rowsCompared: number;
    rowsDiffering: number;
    clicksDifference: number;
    rules: string | null;
    clicksMoved: {
      toInvalid: number;
      toValid: number;
      ads: { adId: string; toInvalid: number; toValid: number }[];
    } | null;
    tables: {
      table: string;
      rowsCompared: number;
      rowsDiffering: number;
      differencesTruncated: boolean;
      differences: Difference[];
    }[];
  } | null;
}
export interface RebuildsData {
  rebuilds: Rebuild[];
}
export interface StartRebuildData {
  rebuildProjections: Rebuild[];
}
