import { EventMetadata, RecordedEvent } from '../event-store.types';
import { encodePgPosition } from './postgres-position';

export interface EventRow {
  global_position: string;
  transaction_id: string;
  stream_id: string;
  stream_revision: string;
  event_id: string;
  event_type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
}

export const EVENT_COLUMNS =
  'global_position, transaction_id::text AS transaction_id, stream_id, stream_revision, event_id, event_type, data, metadata, recorded_at';

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.event_type,
    streamId: row.stream_id,
    revision: BigInt(row.stream_revision),
    position: encodePgPosition(row.transaction_id, row.global_position),
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
  };
}
