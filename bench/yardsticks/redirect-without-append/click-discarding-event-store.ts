import { CLICK_RECORDED } from '@app/contracts';
import { AppendResult, ExpectedRevision, NewEvent, PostgresEventStore } from '@app/event-store';

/** What a first click's append answers. The tracker reads only `outcome`. */
const DISCARDED: AppendResult = { outcome: 'appended', nextRevision: 0n, position: '' };

/**
 * The PostgreSQL event log, except that a ClickRecorded append is answered at once and never
 * written: the one step of the redirect the yardstick leaves out. Everything else is the real
 * log, the ad events the tracker's catalog follows included.
 */
export class ClickDiscardingEventStore extends PostgresEventStore {
  override append(
    streamId: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    if (events.length === 1 && events[0].type === CLICK_RECORDED) return Promise.resolve(DISCARDED);
    return super.append(streamId, events, expected);
  }
}
