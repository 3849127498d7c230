import { isIPv4, isIPv6 } from 'node:net';

/**
 * A set of CIDR ranges answering "is this address in one of them" in O(log n) with no
 * allocation for IPv4 (the common case on the redirect): ranges are merged at build time into
 * sorted, disjoint [start, end] pairs in a Float64Array, searched by bisection. IPv6 ranges
 * are kept as the top 64 bits of their bounds (cloud providers publish nothing longer than
 * /64 that matters for classing an address) in BigInt pairs.
 */
export class AddressRanges {
  private constructor(
    private readonly v4: Float64Array,
    private readonly v6: BigUint64Array,
  ) {}

  /** Parses CIDR lines ("# comments" and blank lines skipped); throws naming bad lines. */
  static parse(text: string, source = 'ranges'): AddressRanges {
    const v4: [number, number][] = [];
    const v6: [bigint, bigint][] = [];
    const bad: string[] = [];
    const lines = text.split(/\r?\n/);
    lines.forEach((raw, index) => {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '') return;
      const [address, prefixText, ...rest] = line.split('/');
      const prefix = prefixText === undefined ? undefined : Number(prefixText);
      if (rest.length > 0 || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))) {
        bad.push(`line ${index + 1}: "${line}"`);
      } else if (isIPv4(address) && (prefix ?? 32) <= 32) {
        const start = ipv4ToNumber(address);
        const size = 2 ** (32 - (prefix ?? 32));
        const first = start - (start % size);
        v4.push([first, first + size - 1]);
      } else if (isIPv6(address) && (prefix ?? 128) <= 128) {
        const high = ipv6High64(address);
        const bits = Math.min(prefix ?? 128, 64);
        const mask = bits === 0 ? 0n : ((1n << BigInt(bits)) - 1n) << BigInt(64 - bits);
        const first = high & mask;
        v6.push([first, first | (~mask & 0xffffffffffffffffn)]);
      } else {
        bad.push(`line ${index + 1}: "${line}"`);
      }
    });
    if (bad.length > 0)
      throw new Error(
        `${source}: not CIDR ranges: ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}`,
      );
    const mergedV4 = merge(v4, (end) => end + 1);
    const mergedV6 = merge(v6, (end) => end + 1n);
    return new AddressRanges(
      Float64Array.from(mergedV4.flat()),
      BigUint64Array.from(mergedV6.flat()),
    );
  }

  /** Ranges after merging: what the lookup searches. */
  get size(): number {
    return this.v4.length / 2 + this.v6.length / 2;
  }

  /** Whether `ip` (as Fastify's req.ip gives it, IPv4-mapped IPv6 included) is in a range. */
  contains(ip: string): boolean {
    const v4 = parseIpv4(ip.startsWith('::ffff:') ? ip.slice(7) : ip);
    if (v4 >= 0) return bisect(this.v4, v4);
    if (this.v6.length === 0 || !isIPv6(ip)) return false;
    return bisect(this.v6, ipv6High64(ip));
  }
}

function merge<T extends number | bigint>(ranges: [T, T][], next: (end: T) => T): [T, T][] {
  ranges.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: [T, T][] = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    // Adjacent or overlapping: one range.
    if (last && start <= next(last[1])) {
      if (end > last[1]) last[1] = end;
    } else merged.push([start, end]);
  }
  return merged;
}

/** Whether `value` lies in one of the sorted, disjoint [start, end] pairs of `bounds`. */
function bisect<T extends number | bigint>(
  bounds: { readonly length: number; readonly [i: number]: T },
  value: T,
): boolean {
  let low = 0;
  let high = bounds.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (value < bounds[mid * 2]) high = mid - 1;
    else if (value > bounds[mid * 2 + 1]) low = mid + 1;
    else return true;
  }
  return false;
}

/** Dotted quad to a number, or -1 when `ip` is not one; no allocation. */
function parseIpv4(ip: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + (c - 48);
      digits++;
    } else return -1;
  }
  if (dots !== 3 || digits === 0 || part > 255) return -1;
  return value * 256 + part;
}

function ipv4ToNumber(ip: string): number {
  return parseIpv4(ip);
}

/** The first 64 bits of an IPv6 address (checked by the caller with isIPv6). */
function ipv6High64(ip: string): bigint {
  const withoutZone = ip.split('%')[0];
  const [head, tail] = withoutZone.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail !== undefined && tail !== '' ? tail.split(':') : [];
  // An embedded IPv4 tail (::ffff:1.2.3.4) is in the low 64 bits: it counts as two groups.
  const groupCount = (groups: string[]) =>
    groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const missing = tail === undefined ? 0 : 8 - groupCount(headGroups) - groupCount(tailGroups);
  const groups = [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  let high = 0n;
  for (let i = 0; i < 4; i++) high = (high << 16n) | BigInt(parseInt(groups[i] || '0', 16));
  return high;
}
