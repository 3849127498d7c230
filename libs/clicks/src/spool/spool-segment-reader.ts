import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { SpooledClick } from './spooled-click';

export type SpoolLine =
  | { readonly ok: true; readonly click: SpooledClick }
  | { readonly ok: false; readonly text: string };

/**
 * The lines of a sealed segment, streamed (a long outage can leave gigabytes). A line that is
 * not a whole spooled click (a torn tail after a crash or a full disk) is returned as such, so
 * the replayer can set it aside and say so; it is never dropped silently or replayed half.
 */
export async function* readSegment(path: string): AsyncGenerator<SpoolLine> {
  const lines = createInterface({
    input: createReadStream(path, { encoding: 'utf8' }),
    crlfDelay: Infinity,
  });
  for await (const text of lines) {
    if (text.length === 0) continue;
    yield parseLine(text);
  }
}

export function parseLine(text: string): SpoolLine {
  try {
    const value = JSON.parse(text) as Partial<SpooledClick> | null;
    if (
      typeof value?.streamId === 'string' &&
      typeof value.event?.eventId === 'string' &&
      typeof value.event.type === 'string' &&
      typeof value.event.data === 'object' &&
      value.event.data !== null &&
      !Array.isArray(value.event.data)
    )
      return { ok: true, click: value as SpooledClick };
  } catch {
    // Falls through: not a whole line.
  }
  return { ok: false, text };
}
