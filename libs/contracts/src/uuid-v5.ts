import { createHash } from 'node:crypto';

/** The namespace for every deterministic id this product derives (a fixed, random UUID). */
export const CLICKSTREAM_NAMESPACE = '4f8a3a51-6f5e-4c1b-9a57-0b9f3c2d7e11';

/**
 * RFC 9562 UUID version 5 (SHA-1, name-based). Deterministic event ids are what make a
 * retried append recognisable as the same event, by both event store adapters.
 */
export function uuidV5(name: string, namespace: string = CLICKSTREAM_NAMESPACE): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (namespaceBytes.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const hash = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
