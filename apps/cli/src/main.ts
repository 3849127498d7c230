#!/usr/bin/env node
import { call, CliError, CliTarget, resolveTarget } from './cli-client';
import { progressLine, ProgressView } from './progress-bar';

const USAGE = `usage: clickstream <command> [options]   (or: npm run cli -- <command>)

commands:
  projections                    each projection's checkpoint, lag and traffic-quality rules
  rebuild [NAME…] [--wait]       rebuild projections (default: all); --wait shows progress
                                 until they are swapped and prints the reconciliation report
  rebuilds                       recent rebuilds and their status

options:
  --url URL      the running product's base address, e.g. http://127.0.0.1:3000 (default:
                 CLICKSTREAM_URL, else the one started on $DATA_DIR (.data/), else
                 http://127.0.0.1:$PORT|3000)
  the admin key comes from ADMIN_API_KEY, or $DATA_DIR/dev-secrets.json (.data/) in development`;

interface Job extends ProgressView {
  readonly id: string;
  readonly error: string | null;
  readonly swapPauseMs: number | null;
  readonly report: {
    readonly rowsCompared: number;
    readonly rowsDiffering: number;
    readonly clicksDifference: number;
    readonly rules: string | null;
    readonly clicksMoved: { readonly toInvalid: number; readonly toValid: number } | null;
    readonly tables: readonly {
      table: string;
      rowsCompared: number;
      rowsDiffering: number;
    }[];
  } | null;
}

const JOB = `id projection status error swapPauseMs
  progress { eventsApplied eventsTotal fraction eventsPerSecond etaSeconds }
  report { rowsCompared rowsDiffering clicksDifference rules clicksMoved { toInvalid toValid }
           tables { table rowsCompared rowsDiffering } }`;

/** A command line that cannot be run as given: said with the usage, exit 2. */
class UsageError extends Error {}

function parse(argv: readonly string[]): {
  command?: string;
  args: string[];
  flags: Map<string, string>;
} {
  const flags = new Map<string, string>();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--wait' || arg === '--help') flags.set(arg.slice(2), 'true');
    else if (arg === '--url' || arg.startsWith('--url=')) {
      const value = arg === '--url' ? argv[++i] : arg.slice('--url='.length);
      if (!value || value.startsWith('--')) throw new UsageError('--url needs a value');
      flags.set('url', value);
    } else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else args.push(arg);
  }
  return { command: args.shift(), args, flags };
}

async function projections(target: CliTarget): Promise<void> {
  const { projections: list } = await call<{
    projections: {
      name: string;
      checkpoint: string | null;
      eventsApplied: number;
      eventsBehind: number;
      secondsBehind: number;
      asOf: string | null;
      rules: string | null;
    }[];
  }>(
    target,
    '{ projections { name checkpoint eventsApplied eventsBehind secondsBehind asOf rules } }',
  );
  for (const p of list)
    console.log(
      `${p.name.padEnd(14)} applied ${p.eventsApplied.toLocaleString('en').padStart(12)}  behind ${p.eventsBehind.toLocaleString('en').padStart(9)} events (${p.secondsBehind.toFixed(1)} s)  as of ${p.asOf ?? '—'}` +
        // Which traffic-quality rules judge this projection's clicks, so an operator can tell
        // whether a rebuild is needed to re-judge history after a change of settings.
        (p.rules ? `\n${' '.repeat(15)}rules ${p.rules}` : ''),
    );
}

async function rebuild(target: CliTarget, names: string[], wait: boolean): Promise<number> {
  const { rebuildProjections: started } = await call<{ rebuildProjections: Job[] }>(
    target,
    `mutation($p: [String!]) { rebuildProjections(projections: $p) { ${JOB} } }`,
    { p: names.length > 0 ? names : null },
  );
  for (const job of started)
    console.log(`${job.projection}: rebuild ${job.id} (${job.status.toLowerCase()})`);
  if (!wait) return 0;
  const tty = process.stdout.isTTY;
  let jobs = started;
  let lastPrint = 0;
  while (jobs.some((j) => j.status !== 'SWAPPED' && j.status !== 'FAILED')) {
    await new Promise((r) => setTimeout(r, 500));
    jobs = await Promise.all(
      jobs.map(
        async (j) =>
          (
            await call<{ rebuild: Job }>(
              target,
              `query($id: ID!) { rebuild(id: $id) { ${JOB} } }`,
              { id: j.id },
            )
          ).rebuild,
      ),
    );
    if (tty) {
      process.stdout.write(
        `\x1b[${jobs.length}A`.repeat(lastPrint ? 1 : 0) +
          jobs.map((j) => `\x1b[2K${progressLine(j)}\n`).join(''),
      );
      lastPrint = 1;
    } else if (Date.now() - lastPrint > 5_000) {
      for (const j of jobs) console.log(progressLine(j));
      lastPrint = Date.now();
    }
  }
  let failed = 0;
  for (const job of jobs) {
    if (job.status === 'FAILED') {
      failed++;
      console.log(`${job.projection}: FAILED: ${job.error}`);
      continue;
    }
    const r = job.report!;
    console.log(
      `${job.projection}: swapped; ${r.rowsDiffering} of ${r.rowsCompared} rows differed, ` +
        `clicks difference ${r.clicksDifference}; live projection paused ${Math.round(job.swapPauseMs ?? 0)} ms`,
    );
    if (r.clicksMoved)
      console.log(
        `  re-judged with ${r.rules ?? 'its rules'}: ${r.clicksMoved.toInvalid} clicks became invalid, ${r.clicksMoved.toValid} valid`,
      );
    for (const t of r.tables)
      console.log(`  ${t.table.padEnd(22)} ${t.rowsDiffering} of ${t.rowsCompared} differ`);
  }
  if (jobs.some((j) => (j.report?.rowsDiffering ?? 0) > 0))
    console.log(
      'full lists of differences: query rebuild(id) { report { tables { differences { key live rebuilt } } } }',
    );
  return failed > 0 ? 1 : 0;
}

async function rebuilds(target: CliTarget): Promise<void> {
  const { rebuilds: list } = await call<{ rebuilds: (Job & { requestedAt: string })[] }>(
    target,
    `{ rebuilds { requestedAt ${JOB} } }`,
  );
  if (list.length === 0) console.log('no rebuilds yet');
  for (const job of list) console.log(`${job.requestedAt}  ${job.id}  ${progressLine(job)}`);
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const { command, args, flags } = parsed;
  if (flags.has('help')) {
    console.log(USAGE);
    return 0;
  }
  if (!command) {
    console.error(USAGE);
    return 2;
  }
  if (!['projections', 'rebuild', 'rebuilds'].includes(command)) {
    console.error(`unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  // Only rebuild takes arguments (projection names); anything else was meant for something.
  if (command !== 'rebuild' && args.length > 0) {
    console.error(`${command} takes no arguments (got ${args.join(' ')})\n\n${USAGE}`);
    return 2;
  }
  const target = await resolveTarget(flags);
  switch (command) {
    case 'projections':
      await projections(target);
      return 0;
    case 'rebuild':
      return rebuild(target, args, flags.has('wait'));
    default:
      await rebuilds(target);
      return 0;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof CliError ? error.message : error);
    process.exit(1);
  },
);
