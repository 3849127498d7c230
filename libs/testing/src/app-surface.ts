import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repositoryRoot } from '@app/runtime';
import { AppName, AppProcess, startApp } from './app-process';

/** What a running app serves, as it registered it (test/surface-recorder.mjs). */
export interface AppSurface {
  readonly http: readonly { readonly method: string; readonly url: string }[];
  readonly rpc: readonly { readonly pattern: string; readonly event: boolean }[];
}

export interface SurfacedApp {
  readonly app: AppProcess;
  readonly surface: AppSurface;
}

const RECORDER = pathToFileURL(join(repositoryRoot(), 'test', 'surface-recorder.mjs')).href;

/**
 * startApp with the surface recorder loaded into the process. Everything is registered before
 * the app listens, so once it answers /healthz the list is whole.
 */
export async function startAppWithSurface(
  name: AppName,
  env: Record<string, string>,
): Promise<SurfacedApp> {
  const dir = mkdtempSync(join(tmpdir(), 'clickstream-surface-'));
  const file = join(dir, 'surface.json');
  try {
    const app = await startApp(name, {
      ...env,
      SURFACE_FILE: file,
      NODE_OPTIONS: [process.env.NODE_OPTIONS, `--import=${RECORDER}`].filter(Boolean).join(' '),
    });
    return { app, surface: JSON.parse(readFileSync(file, 'utf8')) as AppSurface };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
