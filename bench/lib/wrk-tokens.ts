import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newImpressionId, signClickToken } from '@app/contracts';
import { BENCH_SIGNING_SECRET } from './bench-app';

let dir: string | undefined;

function tokensDir(): string {
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'clickstream-bench-tokens-'));
    const created = dir;
    process.once('exit', () => rmSync(created, { recursive: true, force: true }));
  }
  return dir;
}

let files = 0;

/**
 * `count` fresh click tokens for wrk (bench/lib/wrk-click-script.ts), one a line, signed here
 * before the run (the ad server's job) with the bench's key, for the given ads in turn. Each
 * file is new tokens: a file is used for one run, so every fresh token is a first click.
 */
export async function writeClickTokens(adIds: readonly string[], count: number): Promise<string> {
  const path = join(tokensDir(), `tokens-${++files}.txt`);
  const out = createWriteStream(path);
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  const key = { kid: 'b1', secret: Buffer.from(BENCH_SIGNING_SECRET) };
  const chunk: string[] = [];
  for (let i = 0; i < count; i++) {
    chunk.push(
      signClickToken(
        { impressionId: newImpressionId(), adId: adIds[i % adIds.length], expiresAt },
        key,
      ),
    );
    if (chunk.length === 10_000 || i === count - 1) {
      const text = `${chunk.join('\n')}\n`;
      chunk.length = 0;
      if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return path;
}

/** Removes a tokens file once its run is over (they are tens of MB). */
export function removeTokens(path: string): void {
  rmSync(path, { force: true });
}
