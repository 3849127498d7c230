import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The apps that serve GraphQL, in the order the CLI prefers them (see announced-address.ts). */
const ANNOUNCED = ['clickstream', 'api'];

const HEALTH_TIMEOUT_MS = 1_000;

/**
 * The product started on `dataDir`, if one announced itself there and answers now: an address
 * left by a crashed process is passed over rather than trusted.
 */
export async function announcedAddress(dataDir: string): Promise<string | undefined> {
  for (const name of ANNOUNCED) {
    let url: string;
    try {
      url = readFileSync(join(dataDir, `${name}.url`), 'utf8').trim();
    } catch {
      continue;
    }
    const healthy = await fetch(`${url}/healthz`, {
      signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
    }).then(
      (r) => r.ok,
      () => false,
    );
    if (healthy) return url;
  }
  return undefined;
}
