import { isIP } from 'node:net';
import { Parsed } from './env-parsers';

/**
 * Which proxies may tell us the client's address (X-Forwarded-For). `false`: none, the socket's
 * peer is the client. A number: that many hops in front of us are ours. A list: the addresses
 * or CIDR ranges of our proxies (and proxy-addr's names `loopback`, `linklocal`,
 * `uniquelocal`). Trusting every hop (`true`) is deliberately not offered: anyone could then
 * pick the address their anonymous clicks are counted under.
 */
export type TrustedProxies = false | number | readonly string[];

const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

export function trustedProxies(raw: string): Parsed<TrustedProxies> {
  const value = raw.trim();
  if (value === 'off') return { ok: true, value: false };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 10
      ? { ok: true, value: hops }
      : { ok: false, problem: `must be a hop count between 1 and 10, got ${hops}` };
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isProxyEntry(entry));
  if (bad.length > 0) {
    return {
      ok: false,
      problem: `must be off, a hop count, or a comma-separated list of addresses, CIDR ranges, loopback, linklocal or uniquelocal; not understood: ${bad.map((b) => `"${b}"`).join(', ')}`,
    };
  }
  return { ok: true, value: entries };
}

function isProxyEntry(entry: string): boolean {
  return NAMED_RANGES.includes(entry) || isCidr(entry);
}

/** An IPv4 or IPv6 address, with or without a /prefix length. */
export function isCidr(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}
