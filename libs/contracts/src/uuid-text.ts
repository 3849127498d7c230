const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A UUID in its text form, any case: what PostgreSQL's uuid columns take. Ad and advertiser
 * ids are keys of those columns, so anything else must be refused before it reaches one.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
