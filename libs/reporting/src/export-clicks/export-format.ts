import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import { stringify } from 'csv-stringify';

export type ExportFormat = 'csv' | 'ndjson';

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/**
 * Rows streamed as CSV (a header line, RFC 4180 quoting, and cells that a spreadsheet would
 * take for a formula escaped: a placement named "=HYPERLINK(…)" stays text) or as NDJSON (one
 * JSON object per line, the same keys; null is an empty CSV cell), as a download named
 * `filename`. CSV lines end in CRLF,
 * as RFC 4180 has them.
 */
export function exportFile<Row extends Record<string, string | number | boolean | null>>(
  format: ExportFormat,
  columns: readonly (keyof Row & string)[],
  rows: Iterable<Row>,
  filename: string,
): StreamableFile {
  const body =
    format === 'csv'
      ? Readable.from(rows).pipe(
          stringify({
            header: true,
            columns: [...columns],
            escape_formulas: true,
            record_delimiter: 'windows',
          }),
        )
      : Readable.from(ndjsonLines(rows));
  return new StreamableFile(body, {
    type: CONTENT_TYPE[format],
    disposition: `attachment; filename="${filename}.${format}"`,
  });
}

function* ndjsonLines(rows: Iterable<object>): Generator<string> {
  for (const row of rows) yield `${JSON.stringify(row)}\n`;
}
