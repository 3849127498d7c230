import { readFileSync } from 'node:fs';

/** How long a request may take to arrive whole (headers and body). */
export const REQUEST_TIMEOUT_MS = 30_000;
/** File descriptors kept for everything that is not an HTTP connection. */
const RESERVED_DESCRIPTORS = 256;
const FALLBACK_CONNECTIONS = 10_000;

/**
 * Most HTTP connections to hold at once: 80 % of the process's open-file limit, less a reserve
 * (Linux: /proc/self/limits; elsewhere a fixed number).
 */
export function maxHttpConnections(): number {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1];
    if (!soft || soft === 'unlimited') return FALLBACK_CONNECTIONS;
    return Math.max(64, Math.floor(Number(soft) * 0.8) - RESERVED_DESCRIPTORS);
  } catch {
    return FALLBACK_CONNECTIONS;
  }
}
