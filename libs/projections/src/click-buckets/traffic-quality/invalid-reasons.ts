/**
 * Why a click is invalid, as a bit each: a click can have several reasons. The names are
 * stored (breakdown values under `invalid_reason`) and shown in the API: never rename one.
 */
export const INVALID_REASONS = ['bot', 'prefetch', 'datacenter', 'too-fast', 'repeat'] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

/** A set of reasons; 0 = a valid click. */
export type ReasonSet = number;

export const REASON_BIT: Readonly<Record<InvalidReason, number>> = {
  bot: 1,
  prefetch: 2,
  datacenter: 4,
  'too-fast': 8,
  repeat: 16,
};

/** The reasons in a set, in INVALID_REASONS order. */
export function reasonsIn(set: ReasonSet): InvalidReason[] {
  return INVALID_REASONS.filter((reason) => (set & REASON_BIT[reason]) !== 0);
}
