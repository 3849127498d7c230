import { ApiProblem } from './graphql';
import type { Granularity } from './operations';

export interface SeriesExport {
  readonly adId: string;
  readonly from: Date;
  readonly to: Date;
  readonly granularity: Granularity;
  readonly timezone: string;
  readonly includeBots: boolean;
}

/**
 * The series as the server's CSV export (GET /v1/ads/:adId/clicks.csv): the file a script
 * gets for the same question, so the dashboard and the API never disagree on a number.
 */
export async function fetchSeriesCsv(apiKey: string, question: SeriesExport): Promise<Blob> {
  const query = new URLSearchParams({
    from: question.from.toISOString(),
    to: question.to.toISOString(),
    granularity: question.granularity,
    timezone: question.timezone,
    includeBots: String(question.includeBots),
  });
  let response: Response;
  try {
    response = await fetch(`/v1/ads/${encodeURIComponent(question.adId)}/clicks.csv?${query}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
  } catch {
    throw new ApiProblem('unreachable', 'The server cannot be reached.');
  }
  if (response.ok) return response.blob();
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  throw new ApiProblem(
    response.status === 401 ? 'unauthenticated' : response.status >= 500 ? 'server' : 'bad-input',
    `The export failed: ${body.message ?? `the server answered ${response.status}`}.`,
  );
}
