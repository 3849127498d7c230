/** Counts are SafeInt (53-bit): GraphQL Int is 32-bit, and an ad's all-time clicks can pass 2^31. */
export const COUNT_DESCRIPTION = 'A whole number up to 2^53 - 1 (GraphQL Int is 32-bit).';

/** PostgreSQL sums of bigint arrive as numeric strings; NULL means no rows. */
export function toCount(value: string | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/**
 * A unique-user estimate as shown: never more than the valid clicks it counts the users of.
 * HyperLogLog is off by about 1.6 % either way, and "853 users from 842 clicks" is an error
 * anyone can see; at or under the click count the estimate is kept as it is.
 */
export function usersAmong(estimate: number, validClicks: number): number {
  return Math.min(estimate, validClicks);
}
