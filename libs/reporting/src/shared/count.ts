/** Counts are SafeInt (53-bit): GraphQL Int is 32-bit, and an ad's all-time clicks can pass 2^31. */
export const COUNT_DESCRIPTION = 'A whole number up to 2^53 - 1 (GraphQL Int is 32-bit).';

/** PostgreSQL sums of bigint arrive as numeric strings; NULL means no rows. */
export function toCount(value: string | number | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
