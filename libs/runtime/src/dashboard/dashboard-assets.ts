import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

export interface Asset {
  readonly body: Buffer;
  readonly contentType: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * The built dashboard (Vite's output in dist/dashboard), read into memory once. It is a few
 * hundred kilobytes; serving from a map also means a request can only ever name a file that
 * the build produced, never a path on disk.
 */
export class DashboardAssets {
  private constructor(
    readonly index: Asset | undefined,
    private readonly files: ReadonlyMap<string, Asset>,
  ) {}

  static load(dir: string): DashboardAssets {
    const files = new Map<string, Asset>();
    const assetsDir = join(dir, 'assets');
    if (existsSync(assetsDir))
      for (const name of readdirSync(assetsDir)) {
        const path = join(assetsDir, name);
        if (statSync(path).isFile()) files.set(name, read(path));
      }
    const indexPath = join(dir, 'index.html');
    return new DashboardAssets(existsSync(indexPath) ? read(indexPath) : undefined, files);
  }

  /** A hashed file under assets/, by its bare name. */
  asset(name: string): Asset | undefined {
    return this.files.get(name);
  }
}

function read(path: string): Asset {
  return {
    body: readFileSync(path),
    contentType: TYPES[extname(path)] ?? 'application/octet-stream',
  };
}
