import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireSpoolDirectory, adoptOrphanedDirectories } from './spool-directory';

/** Another live process, as its lock would name it: pid 1 with its real start time. */
function liveLock(): string {
  const stat = readFileSync('/proc/1/stat', 'utf8');
  return `1 ${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}\n`;
}

function lock(dataDir: string, name: string, content: string): void {
  mkdirSync(join(dataDir, name), { recursive: true });
  writeFileSync(join(dataDir, name, 'owner.lock'), content);
}

describe('spool directories', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'clickstream-spool-dir-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('takes the first directory no live process holds', () => {
    lock(dataDir, 'spool', liveLock());
    const taken = acquireSpoolDirectory(dataDir);
    expect(taken.path).toBe(join(dataDir, 'spool-1'));
    expect(readFileSync(join(taken.path, 'owner.lock'), 'utf8')).toMatch(
      new RegExp(`^${process.pid} \\d+\\n$`),
    );
    taken.release();
    expect(() => readFileSync(join(taken.path, 'owner.lock'))).toThrow();
  });

  it('takes over a lock whose process is gone, or whose pid now belongs to another process', () => {
    lock(dataDir, 'spool', '1 1\n'); // pid 1 is alive, but it did not start at tick 1
    expect(acquireSpoolDirectory(dataDir).path).toBe(join(dataDir, 'spool'));
    rmSync(join(dataDir, 'spool'), { recursive: true });
    lock(dataDir, 'spool', '4194303 5\n'); // above the largest pid Linux hands out
    expect(acquireSpoolDirectory(dataDir).path).toBe(join(dataDir, 'spool'));
  });

  it('adopts only the directories whose tracker is gone', () => {
    const own = acquireSpoolDirectory(dataDir);
    lock(dataDir, 'spool-1', liveLock());
    lock(dataDir, 'spool-2', '4194303 5\n');
    mkdirSync(join(dataDir, 'not-a-spool'));
    const adopted = adoptOrphanedDirectories(own.path);
    expect(adopted.map((d) => d.path)).toEqual([join(dataDir, 'spool-2')]);
    adopted.forEach((d) => d.release());
  });
});
