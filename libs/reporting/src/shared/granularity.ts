import { registerEnumType } from '@nestjs/graphql';

export enum Granularity {
  MINUTE = 'MINUTE',
  HOUR = 'HOUR',
  DAY = 'DAY',
}

registerEnumType(Granularity, { name: 'Granularity' });

/** Nominal bucket sizes (a local day across a DST change is 23 or 25 hours; see click-series). */
export const UNIT_MS: Record<Granularity, number> = {
  [Granularity.MINUTE]: 60_000,
  [Granularity.HOUR]: 3_600_000,
  [Granularity.DAY]: 86_400_000,
};

/** PostgreSQL's name for the unit, for date_trunc and interval arithmetic. */
export const PG_UNIT: Record<Granularity, 'minute' | 'hour' | 'day'> = {
  [Granularity.MINUTE]: 'minute',
  [Granularity.HOUR]: 'hour',
  [Granularity.DAY]: 'day',
};
