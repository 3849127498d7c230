import { Position as EsdbPosition } from '@eventstore/db-client';
import { Position } from '../event-store.types';

/** EventStoreDB's { commit, prepare } pair as fixed-width text (text order = log order). */
export function encodeEsdbPosition(position: EsdbPosition): Position {
  return `${position.commit.toString().padStart(20, '0')}-${position.prepare.toString().padStart(20, '0')}`;
}

export function decodeEsdbPosition(position: Position): EsdbPosition {
  const match = /^(\d{20})-(\d{20})$/.exec(position);
  if (!match) throw new Error(`not an EventStoreDB position: "${position}"`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
