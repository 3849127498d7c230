import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { AppProcess, createTestDatabase, startApp, TEST_SECRETS, TestDatabase } from '@app/testing';

interface Raw {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** A GET that leaves the body as sent (fetch would decode it and hide what went on the wire). */
function get(url: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The dashboard's files go out compressed when the browser says it can take it. */
describe('dashboard assets on the wire', () => {
  let db: TestDatabase;
  let api: AppProcess;
  let paths: string[];

  beforeAll(async () => {
    db = await createTestDatabase('compression');
    api = await startApp('api', { DATABASE_URL: db.url, ...TEST_SECRETS });
    const index = (await get(`${api.baseUrl}/`)).body.toString('utf8');
    paths = ['/', ...[...index.matchAll(/"(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1])];
  });
  afterAll(async () => {
    await api.stop();
    await db.drop();
  });

  it('serves brotli, gzip or the plain file by Accept-Encoding, all the same content', async () => {
    expect(paths.length).toBeGreaterThanOrEqual(3); // index, a script, a stylesheet
    for (const path of paths) {
      const plain = await get(`${api.baseUrl}${path}`);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toMatch(/accept-encoding/i);

      const br = await get(`${api.baseUrl}${path}`, 'gzip, deflate, br, zstd');
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      expect(br.body.length).toBeLessThan(plain.body.length / 2);

      const gzip = await get(`${api.baseUrl}${path}`, 'gzip');
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);

      const refused = await get(`${api.baseUrl}${path}`, 'br;q=0, gzip;q=0');
      expect(refused.headers['content-encoding']).toBeUndefined();
      expect(refused.body.equals(plain.body)).toBe(true);
    }
  });
});
