import { spawn } from 'node:child_process';
import { formatIdentity, ProcessIdentity } from '../process/process-identity';

/** In the watchdog's command line, so an operator (or a test) can tell what it is. */
export const WATCHDOG_MARK = 'clickstream-embedded-postgres-watchdog';

// Plain JavaScript run by `node -e`: no file to find at run time, from dist or from source.
// It polls the owner and the postmaster; when the owner is gone (a crash, SIGKILL, OOM) it
// asks the postmaster for a fast shutdown (SIGINT: clients cut, data safe, lock file removed)
// and exits; when the postmaster is gone (a clean stop) it just exits.
const SCRIPT = `
const { readFileSync } = require('node:fs');
const [owner, postmaster] = process.argv.slice(1, 3).map((text) => {
  const [pid, startTime] = text.split(' ');
  return { pid: Number(pid), startTime };
});
const startTimeOf = (pid) => {
  try {
    const stat = readFileSync('/proc/' + pid + '/stat', 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
};
const running = ({ pid, startTime }) => {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return false;
  }
  const now = startTimeOf(pid);
  return now === undefined || now === startTime;
};
const timer = setInterval(() => {
  if (!running(postmaster)) return clearInterval(timer);
  if (running(owner)) return;
  try {
    process.kill(postmaster.pid, 'SIGINT');
  } catch {}
  clearInterval(timer);
}, 500);
`;

/**
 * Starts a detached process that stops the embedded cluster if `owner` dies without stopping
 * it. PostgreSQL outlives its parent (it is re-parented, not signalled), so without this a
 * crashed product leaves a cluster running that nobody stops. Detached, in its own process
 * group, so a signal to the product's group does not take the watchdog with it.
 */
export function watchCluster(owner: ProcessIdentity, postmaster: ProcessIdentity): void {
  const child = spawn(
    process.execPath,
    ['-e', SCRIPT, formatIdentity(owner), formatIdentity(postmaster), WATCHDOG_MARK],
    { detached: true, stdio: 'ignore' },
  );
  child.unref();
}
