import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository (or image) root: the nearest folder above this file with a package.json.
 * The same code runs from source under jest and from dist/, at different depths.
 */
export function repositoryRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}
