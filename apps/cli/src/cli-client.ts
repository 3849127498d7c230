import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { announcedAddress } from './product-address';

/**
 * Where the running product is: --url, then CLICKSTREAM_URL, then the product announced in
 * DATA_DIR, then PORT on this machine. The operator's key: ADMIN_API_KEY, then dev secrets.
 */
export interface CliTarget {
  readonly url: string;
  readonly adminKey: string;
}

export async function resolveTarget(flags: Map<string, string>): Promise<CliTarget> {
  const dataDir = process.env.DATA_DIR ?? '.data';
  const given = flags.get('url') ?? process.env.CLICKSTREAM_URL;
  const url = given
    ? baseAddress(given, flags.has('url') ? '--url' : 'CLICKSTREAM_URL')
    : ((await announcedAddress(dataDir)) ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`);
  let adminKey = process.env.ADMIN_API_KEY;
  const file = join(dataDir, 'dev-secrets.json');
  if (!adminKey) {
    try {
      adminKey = (JSON.parse(readFileSync(file, 'utf8')) as { adminApiKey?: string }).adminApiKey;
    } catch {
      // Reported below, with what to do.
    }
  }
  if (!adminKey)
    throw new CliError(
      `no admin key: set ADMIN_API_KEY, or DATA_DIR to the product's (${file} has none)`,
    );
  return { url, adminKey };
}

/**
 * The product's base address from what the operator gave: an http(s) URL, with a trailing
 * /graphql (the endpoint, pasted from a browser) taken off, since the CLI adds it.
 */
function baseAddress(given: string, source: string): string {
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new CliError(`${source} ${given}: not an http(s) URL (e.g. http://127.0.0.1:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError(`${source} ${given}: not an http(s) URL (e.g. http://127.0.0.1:3000)`);
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/graphql$/, '')}`;
}

export class CliError extends Error {}

/** One GraphQL call as the operator; GraphQL errors become a CliError with their message. */
export async function call<T>(
  target: CliTarget,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${target.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.adminKey}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new CliError(`nothing answers at ${target.url}: is the product running (npm start)?`);
  }
  const body = (await response.json().catch(() => ({}))) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (body.errors?.length)
    throw new CliError(
      body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'),
    );
  if (!body.data)
    throw new CliError(
      `unexpected answer (HTTP ${response.status}) from ${target.url}/graphql: ` +
        "is that the product's base address (e.g. http://127.0.0.1:3000)?",
    );
  return body.data;
}
