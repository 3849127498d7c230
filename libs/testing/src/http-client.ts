/** Minimal JSON-over-HTTP helpers for end-to-end tests against a running app. */
export async function postJson<T>(
  baseUrl: string,
  path: string,
  body: unknown,
  apiKey?: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** A click as a browser makes it: no redirect following, so the 302 itself can be checked. */
export function click(
  url: string,
  init: { method?: string; userAgent?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(url, {
    method: init.method ?? 'GET',
    redirect: 'manual',
    headers: {
      'user-agent': init.userAgent ?? 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Firefox/120.0',
      ...init.headers,
    },
  });
}

export interface GraphqlError {
  message: string;
  path?: string[];
  extensions?: { code?: string; reason?: string; details?: string[]; stacktrace?: unknown };
}

export interface GraphqlResponse<T> {
  status: number;
  data?: T | null;
  errors?: GraphqlError[];
}

/** One GraphQL operation over real HTTP, as a client sends it. */
export async function graphql<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  apiKey?: string,
): Promise<GraphqlResponse<T>> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T | null; errors?: GraphqlError[] };
  return { status: response.status, ...body };
}
