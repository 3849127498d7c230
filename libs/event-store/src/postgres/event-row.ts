import { EventMetadata, RecordedEvent } from '../event-store.types';
import { encodePgPosition } from './postgres-position';

export interface EventRow {
  global_position: string;
  tx_id: string;
  stream_id: string;
  stream_revision: string;
  event_id: string;
  event_type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
}

// The text copy of transaction_id gets its own name: aliased as "transaction_id" it would
// shadow the column in ORDER BY and sort the log as text ('1000' < '998').
export const EVENT_COLUMNS =
  'global_position, transaction_id::text AS tx_id, stream_id, stream_revision, event_id, event_type, data, metadata, recorded_at';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    streamId: row.stream_id,
    revision: BigInt(row.stream_revision),
    position: encodePgPosition(row.tx_id, row.global_position),
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
