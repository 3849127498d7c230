/**
 * The sizes of bucket the read models keep, one name for the projections that write them, the
 * reporting that reads them, the GraphQL enum and the dashboard. A const object rather than a
 * TypeScript enum, so the browser bundle can use the same type with plain string literals.
 */
export const Granularity = {
  MINUTE: 'MINUTE',
  HOUR: 'HOUR',
  DAY: 'DAY',
} as const;

export type Granularity = (typeof Granularity)[keyof typeof Granularity];

export const GRANULARITIES: readonly Granularity[] = [
  Granularity.MINUTE,
  Granularity.HOUR,
  Granularity.DAY,
];

/** Nominal bucket sizes (a local day across a DST change is 23 or 25 hours; see click-series). */
export const UNIT_MS: Record<Granularity, number> = {
  MINUTE: 60_000,
  HOUR: 3_600_000,
  DAY: 86_400_000,
};

/** PostgreSQL's name for the unit, for date_trunc and interval arithmetic. */
export const PG_UNIT: Record<Granularity, 'minute' | 'hour' | 'day'> = {
  MINUTE: 'minute',
  HOUR: 'hour',
  DAY: 'day',
};
