import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';

/** Where a traced app under load sends its spans: an OTLP/HTTP endpoint that takes and drops them. */
export interface OtlpSink {
  /** For OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly url: string;
  /** Export requests and bytes taken so far. */
  totals(): { requests: number; bytes: number };
  close(): Promise<void>;
}

/**
 * The cheapest collector there is: reads each export to its end and answers 200 with an empty
 * OTLP response, parsing nothing, so what the bench measures is the app's cost of tracing, not
 * a collector's. It runs in the bench's own process, idle while wrk drives the servers.
 */
export async function startOtlpSink(): Promise<OtlpSink> {
  let requests = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    requests++;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    totals: () => ({ requests, bytes }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
