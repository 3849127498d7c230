import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClickSpool } from './click-spool';
import { acquireSpoolDirectory } from './spool-directory';
import { readSegment, SpoolLine } from './spool-segment-reader';

describe('click spool', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'clickstream-spool-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps the event's metadata whole, the redirect's trace context included", async () => {
    const spool = new ClickSpool(acquireSpoolDirectory(dataDir));
    const click = {
      streamId: 'click-1',
      event: {
        eventId: '6f1c1e02-5d1c-5b7e-9a3c-0c7a4a6f3d11',
        type: 'ClickRecorded',
        data: { version: 1, impressionId: '1' },
        metadata: {
          correlationId: 'c-1',
          traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
          tracestate: 'vendor=x',
        },
      },
    };
    await spool.write(click);
    const [segment] = await spool.seal();
    const lines: SpoolLine[] = [];
    for await (const line of readSegment(spool.path(segment))) lines.push(line);
    await spool.close();
    expect(lines).toEqual([{ ok: true, click }]);
  });
});
