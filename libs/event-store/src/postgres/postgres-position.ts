import { Position } from '../event-store.types';

/**
 * A PostgreSQL log position: the writing transaction's id (xid8) and the row's identity value,
 * zero-padded so that text order equals log order.
 */
export function encodePgPosition(transactionId: string, globalPosition: string): Position {
  return `${transactionId.padStart(20, '0')}-${globalPosition.padStart(19, '0')}`;
}

export function decodePgPosition(position: Position | null): {
  transactionId: string;
  globalPosition: string;
} {
  if (position === null) return { transactionId: '0', globalPosition: '0' };
  const match = /^(\d{20})-(\d{19})$/.exec(position);
  if (!match) throw new Error(`not a PostgreSQL event store position: "${position}"`);
  return {
    transactionId: BigInt(match[1]).toString(),
    globalPosition: BigInt(match[2]).toString(),
  };
}
