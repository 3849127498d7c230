import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdLookupSnapshot } from './ad-lookup-snapshot';

const ad = {
  adId: '0b5d2f4e-8a1c-4c3e-9f7a-2d6b1e0c9a88',
  advertiserId: '7c1e9a0b-4d2f-4e8a-9b3c-1a2b3c4d5e6f',
  name: 'Winter sale',
  targetUrl: 'https://shop.example/winter',
  paused: true,
};

describe('AdLookupSnapshot', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ad-lookup-snapshot-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a snapshot exactly as the tracker wrote it before the rename (the "ad catalog")', () => {
    const file = join(dir, 'ad-catalog.json');
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        source: 'log-a',
        position: '42',
        ads: [{ ...ad, revision: '3' }],
      }),
    );
    const warnings: string[] = [];
    const loaded = new AdLookupSnapshot(file, 'log-a').load((m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(loaded).toEqual({ position: '42', entries: [{ state: ad, revision: 3n }] });
  });

  it('writes the same format it reads, and ignores a snapshot of another log', async () => {
    const file = join(dir, 'ad-catalog.json');
    await new AdLookupSnapshot(file, 'log-a').save({
      position: null,
      entries: [{ state: ad, revision: 7n }],
    });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      version: 1,
      source: 'log-a',
      position: null,
      ads: [{ ...ad, revision: '7' }],
    });
    const warnings: string[] = [];
    expect(new AdLookupSnapshot(file, 'log-b').load((m) => warnings.push(m))).toBeUndefined();
    expect(warnings).toEqual([
      `ignoring the ad snapshot ${file}: it belongs to another event store`,
    ]);
  });
});
