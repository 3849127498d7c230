#!/usr/bin/env node
// Writes the data-centre range file the tracker reads (QUALITY_DATACENTER_RANGES): one CIDR a
// line, from the cloud providers' own published feeds. Run it on a schedule (daily is plenty:
// the feeds change a few times a week), then restart or roll the trackers; they read the file
// at start. Nothing from the feeds is kept in this repository.
//
//   node scripts/refresh-datacenter-ranges.mjs /etc/clickstream/datacenter-ranges.txt
//   node scripts/refresh-datacenter-ranges.mjs ranges.txt --extra https://example.com/more.txt
//
// --extra adds any URL whose body is CIDRs one a line (or CSV with the CIDR first), e.g. a
// provider not listed below, or Azure's weekly Service Tags file (its URL changes each week;
// see https://www.microsoft.com/en-us/download/details.aspx?id=56519), read for
// properties.addressPrefixes. --no-defaults reads only the --extra feeds. A feed that fails
// stops the run with one line naming it, and the old file stays as it was.
import { renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';

const FEEDS = [
  {
    name: 'Amazon Web Services',
    url: 'https://ip-ranges.amazonaws.com/ip-ranges.json',
    cidrs: (j) => [
      ...j.prefixes.map((p) => p.ip_prefix),
      ...j.ipv6_prefixes.map((p) => p.ipv6_prefix),
    ],
  },
  {
    name: 'Google Cloud',
    url: 'https://www.gstatic.com/ipranges/cloud.json',
    cidrs: (j) => j.prefixes.map((p) => p.ipv4Prefix ?? p.ipv6Prefix),
  },
  {
    name: 'Oracle Cloud',
    url: 'https://docs.oracle.com/en-us/iaas/tools/public_ip_ranges.json',
    cidrs: (j) => j.regions.flatMap((r) => r.cidrs.map((c) => c.cidr)),
  },
  {
    name: 'DigitalOcean',
    url: 'https://digitalocean.com/geo/google.csv',
    text: true,
  },
];

const [target, ...rest] = process.argv.slice(2);
if (!target || target.startsWith('-')) {
  console.error(
    'usage: refresh-datacenter-ranges.mjs <output file> [--extra <url>]... [--no-defaults]',
  );
  process.exit(2);
}
const extra = [];
let defaults = true;
for (let i = 0; i < rest.length; i++) {
  if (rest[i] === '--no-defaults') defaults = false;
  else if (rest[i] === '--extra' && rest[i + 1]) extra.push(rest[++i]);
  else {
    console.error(`not understood: ${rest.slice(i).join(' ')}`);
    process.exit(2);
  }
}
if (!defaults) FEEDS.length = 0;
for (const url of extra) FEEDS.push({ name: 'extra feed', url, text: true });
if (FEEDS.length === 0) {
  console.error('no feeds: --no-defaults needs at least one --extra <url>');
  process.exit(2);
}

/** One line naming the feed and what went wrong; the old file is left as it was. */
function feedFailed(feed, cause) {
  console.error(`${feed.name}: ${feed.url}: ${cause}; ${target} left unchanged`);
  process.exit(1);
}

/** Why fetch failed, in words: undici's "fetch failed" hides it in `cause`. */
function why(error) {
  if (error?.name === 'TimeoutError') return 'no answer within 30 s';
  const cause = error?.cause;
  if (cause?.code && cause?.hostname) return `${cause.code} (${cause.hostname})`;
  return cause?.message ?? error?.message ?? String(error);
}

/** Lines of text or CSV: the first field of each, when it is a CIDR or an address. */
function fromText(body) {
  return body
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*/, '').split(',')[0].trim())
    .filter(Boolean);
}

function isCidr(entry) {
  const [address, prefix, more] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || more !== undefined) return false;
  return (
    prefix === undefined ||
    (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128))
  );
}

const lines = [
  `# data-centre and cloud ranges, written ${new Date().toISOString()} by refresh-datacenter-ranges.mjs`,
];
for (const feed of FEEDS) {
  let body;
  try {
    const response = await fetch(feed.url, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) feedFailed(feed, `answered HTTP ${response.status}`);
    body = await response.text();
  } catch (error) {
    feedFailed(feed, why(error));
  }
  let entries;
  try {
    if (feed.text) {
      const trimmed = body.trimStart();
      entries = trimmed.startsWith('{')
        ? JSON.parse(body).values.flatMap((v) => v.properties.addressPrefixes) // Azure Service Tags
        : fromText(body);
    } else entries = feed.cidrs(JSON.parse(body));
  } catch (error) {
    feedFailed(feed, `not the expected format (${error.message})`);
  }
  const good = entries.filter((e) => typeof e === 'string' && isCidr(e));
  if (good.length === 0) feedFailed(feed, 'no ranges in it');
  lines.push(`# ${feed.name}: ${good.length} ranges from ${feed.url}`, ...good);
  console.log(`${feed.name}: ${good.length} ranges`);
}
// Written whole, then renamed: a tracker starting meanwhile reads the old file or the new one.
writeFileSync(`${target}.tmp`, `${lines.join('\n')}\n`);
renameSync(`${target}.tmp`, target);
console.log(`wrote ${target}`);
