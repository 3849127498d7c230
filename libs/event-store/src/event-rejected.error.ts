/**
 * The store is up but will never take this event as it is (PostgreSQL refuses its data: a NUL
 * character, an invalid id, a value too large). Unlike "store unavailable", retrying cannot
 * help, so callers must not queue it for later: a spool replay would stall behind it for ever.
 */
export class EventRejected extends Error {
  constructor(
    readonly streamId: string,
    reason: string,
  ) {
    super(`the event store refused the event for ${streamId}: ${reason}`);
    this.name = 'EventRejected';
  }
}
