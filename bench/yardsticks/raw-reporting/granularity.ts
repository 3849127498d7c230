import { registerEnumType } from '@nestjs/graphql';

/** The product's bucket sizes, under the same GraphQL name, so the same documents validate. */
export enum Granularity {
  MINUTE = 'MINUTE',
  HOUR = 'HOUR',
  DAY = 'DAY',
}

registerEnumType(Granularity, { name: 'Granularity' });

/** PostgreSQL's name for the unit, for date_trunc and the series step. */
export const PG_UNIT: Record<Granularity, 'minute' | 'hour' | 'day'> = {
  [Granularity.MINUTE]: 'minute',
  [Granularity.HOUR]: 'hour',
  [Granularity.DAY]: 'day',
};
