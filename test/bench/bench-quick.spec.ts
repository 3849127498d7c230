import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Report {
  command: string;
  quick: boolean;
  machine: { cpus: number; node: string; postgres?: string };
  results: Record<string, unknown>;
}

/**
 * The benchmark harness runs end to end in its quick mode and writes its JSON. No timing is
 * asserted (figures on a shared machine are for docs/benchmarks.md, not for tests).
 */
describe('npm run bench -- --quick', () => {
  const dir = mkdtempSync(join(tmpdir(), 'clickstream-bench-smoke-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs every section and writes its results', async () => {
    const out = join(dir, 'quick.json');
    const root = join(__dirname, '..', '..');
    let output = '';
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(
        process.execPath,
        [join(root, 'dist', 'bench', 'main.js'), '--quick', `--out=${out}`],
        {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('exit', resolve);
    });
    expect({ code, output: code === 0 ? '' : output }).toEqual({ code: 0, output: '' });
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.quick).toBe(true);
    expect(report.command).toBe('npm run bench -- --quick');
    expect(report.machine.cpus).toBeGreaterThan(0);
    expect(report.machine.postgres).toMatch(/^\d+/);
    expect(Object.keys(report.results).sort()).toEqual([
      'freshness',
      'projection',
      'queries',
      'redirect',
      'sustained',
    ]);
  }, 600_000);
});
