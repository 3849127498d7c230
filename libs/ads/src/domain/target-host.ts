import * as ipaddr from 'ipaddr.js';

/** Address classes by their common names, for the refusal message. */
const RANGE_NAMES: Partial<Record<string, string>> = {
  unspecified: 'unspecified',
  loopback: 'loopback',
  private: 'private (RFC 1918)',
  uniqueLocal: 'unique-local (fc00::/7)',
  linkLocal: 'link-local',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
  rfc6052: 'NAT64 (64:ff9b::/96)',
  '6to4': '6to4',
  teredo: 'Teredo',
};

/**
 * Names that never lead to the public internet: RFC 6761's localhost (its subdomains
 * included), mDNS (.local), the private-use .internal (cloud metadata lives at
 * metadata.google.internal) and .home.arpa.
 */
const LOCAL_NAME = /(^|\.)(localhost|local|internal|home\.arpa)$/;

/**
 * Why a URL's host (as WHATWG's URL parser leaves it) is not a public one, or undefined when
 * it may be. IP literals are classified by ipaddr.js: everything but its "unicast" class is
 * refused, which takes in the loopback, private, link-local and unspecified ranges, IPv4 inside
 * IPv6 (mapped, NAT64, 6to4, Teredo) and documentation ranges. Odd IPv4 forms such as
 * `2130706433` or `0x7f.1` arrive here already normalised to dotted quads by the parser.
 * A public name that resolves to a private address is not caught here (that needs DNS).
 */
export function nonPublicHost(hostname: string): string | undefined {
  const bare = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  if (ipaddr.isValid(bare)) {
    const range = ipaddr.process(bare).range();
    if (range === 'unicast') return undefined;
    const name = RANGE_NAMES[range] ?? range;
    return `${hostname} is a${/^[aeiou]/i.test(name) ? 'n' : ''} ${name} address`;
  }
  const name = bare.toLowerCase().replace(/\.+$/, '');
  if (LOCAL_NAME.test(name)) return `${hostname} is a local host name`;
  // "intranet", "metadata": resolved through the server's search domains, never public.
  if (!name.includes('.')) return `${hostname} is a single-label host name`;
  return undefined;
}
