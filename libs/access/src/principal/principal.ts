/** Who is calling: the operator (admin key) or one advertiser (its own key). */
export type Principal =
  { readonly kind: 'admin' } | { readonly kind: 'advertiser'; readonly advertiserId: string };

/** Whether the caller may act on something the given advertiser owns. */
export function mayAccess(principal: Principal, ownerAdvertiserId: string): boolean {
  return principal.kind === 'admin' || principal.advertiserId === ownerAdvertiserId;
}
