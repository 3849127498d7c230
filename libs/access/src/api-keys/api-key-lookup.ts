/**
 * Whose API key this is: a port the advertisers lib implements (AdvertisersModule provides
 * API_KEY_LOOKUP), rather than SQL here. An advertiser's key hash is written by the same INSERT
 * that creates the advertiser, so the one owner of the advertisers table's SQL is the
 * advertisers lib; splitting the columns between two libs would need a table of their own.
 * Access owns the rest: what a key is and how it is hashed (api-key.ts, used by both sides),
 * the admin key, the cache, the failure and request limits, and it knows no feature's schema.
 */
export interface ApiKeyLookup {
  /** The advertiser whose key has this hash (hashApiKey), if any. */
  findIdByKeyHash(apiKeyHash: Buffer): Promise<string | undefined>;
}

export const API_KEY_LOOKUP = Symbol('API_KEY_LOOKUP');
