// Before `npm test`: the dashboard's browser test drives Debian's Chromium (no test tool may
// download a browser of its own here). If it is missing, install it the way a fresh machine
// can: apt-get, as root or with passwordless sudo. Otherwise say exactly what to do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);
if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${path} does not exist`);
  process.exit(1);
}

const root = process.getuid?.() === 0;
const run = (args) =>
  execFileSync(root ? args[0] : 'sudo', root ? args.slice(1) : ['-n', ...args], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
try {
  console.log("Installing Debian's chromium for the dashboard's browser test (apt-get)…");
  run(['apt-get', 'update', '-q']);
  run(['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'chromium']);
} catch {
  console.error(
    'Could not install Chromium. Install it yourself (apt-get install chromium) or point ' +
      'CHROMIUM_PATH at a Chromium or Chrome binary, then run npm test again.',
  );
  process.exit(1);
}
