import { parseSigningKeys, SigningKey } from '@app/contracts';
import {
  duration,
  durationOrOff,
  fraction,
  integer,
  oneOf,
  Parser,
  text,
  url,
} from './env-parsers';
import { cidrFile } from './cidr-file';
import { TrustedProxies, trustedProxies } from './trusted-proxies';

interface VariableDefinition<T> {
  readonly parse: Parser<T>;
  /** Absent means the variable is optional and reads as `undefined` when unset. */
  readonly default?: T;
  readonly description: string;
}

type Defaulted<T> = VariableDefinition<T> & { readonly default: NoInfer<T> };

/** A variable that always has a value: its default when unset. */
const variable = <T>(definition: Defaulted<T>): Defaulted<T> => definition;
/** A variable whose absence means something (e.g. "use the embedded database"). */
const optional = <T>(definition: Omit<VariableDefinition<T>, 'default'>): VariableDefinition<T> =>
  definition;

/**
 * Every environment variable the product reads, in one place. The README's configuration
 * table and docker-compose.yml mirror this list; keep them in step.
 */
export const ENV_SCHEMA = {
  NODE_ENV: variable<'development' | 'production' | 'test'>({
    parse: oneOf('development', 'production', 'test'),
    default: 'development',
    description: 'production refuses to generate secrets and requires them to be set',
  }),
  HOST: variable({
    parse: (raw) => ({ ok: true, value: raw }),
    default: '127.0.0.1',
    description: 'interface to listen on',
  }),
  PORT: variable({ parse: integer(0, 65535), default: 3000, description: 'HTTP port' }),
  LOG_LEVEL: variable<'error' | 'warn' | 'log' | 'debug' | 'verbose'>({
    // Nest's names, and the names the lines themselves carry (info, trace) as their aliases.
    parse: (raw) =>
      oneOf(
        'error',
        'warn',
        'log',
        'debug',
        'verbose',
      )(raw === 'info' ? 'log' : raw === 'trace' ? 'verbose' : raw),
    default: 'log',
    description: 'least severe level that is logged',
  }),
  LOG_FORMAT: optional<'json' | 'pretty'>({
    parse: oneOf('json', 'pretty'),
    description:
      'json: one JSON object per line; pretty: for people; unset = pretty on a terminal, else json',
  }),
  ACCESS_LOG: variable<'on' | 'off'>({
    parse: oneOf('on', 'off'),
    default: 'on',
    description: 'one line per HTTP request (the redirect: see ACCESS_LOG_REDIRECT_SAMPLE)',
  }),
  ACCESS_LOG_REDIRECT_SAMPLE: variable({
    parse: fraction,
    default: 0,
    description:
      'share of GET /c/:token requests that get an access line (0 = none, 0.01 = one in a hundred, 1 = all)',
  }),
  METRICS_PORT: optional({
    parse: integer(1, 65535),
    description:
      'serve /metrics on this port alone (not on PORT), e.g. to keep it off a public tracker port; unset = /metrics on PORT',
  }),
  METRICS_HOST: optional({
    parse: (raw) => ({ ok: true, value: raw }),
    description: 'interface of METRICS_PORT; unset = HOST',
  }),
  DATA_DIR: variable({
    parse: (raw) => ({ ok: true, value: raw }),
    default: '.data',
    description: 'local state: embedded PostgreSQL cluster, generated dev secrets, click spool',
  }),
  DATABASE_URL: optional({
    parse: url('postgres', 'postgresql'),
    description:
      'PostgreSQL for read models (and events, without EVENTSTORE_URL); unset = embedded',
  }),
  DATABASE_POOL_SIZE: variable({
    parse: integer(1, 200),
    default: 10,
    description: 'connections per pool',
  }),
  EVENTSTORE_URL: optional({
    // Exactly the schemes @eventstore/db-client 6 parses: a kurrentdb:// string passed here and
    // then threw at start. (Its successor, @kurrent/kurrentdb-client, reads kurrentdb://; moving
    // to it is a change of client, not of this check.)
    parse: url('esdb', 'esdb+discover'),
    description: 'EventStoreDB/KurrentDB connection string; unset = PostgreSQL events table',
  }),
  ADMIN_API_KEY: optional({
    parse: (raw) =>
      raw.length >= 24
        ? { ok: true, value: raw }
        : { ok: false, problem: 'must be at least 24 characters' },
    description: 'operator key (Bearer); unset in development = generated once under DATA_DIR',
  }),
  CLICK_SIGNING_KEYS: optional<SigningKey[]>({
    parse: (raw) => {
      const { keys, problems } = parseSigningKeys(raw);
      return problems.length > 0
        ? { ok: false, problem: problems.join('; ') }
        : { ok: true, value: keys };
    },
    description: 'kid:secret,... (first signs, all verify); unset in development = generated once',
  }),
  TRUST_PROXY: variable<TrustedProxies>({
    parse: trustedProxies,
    default: false,
    description:
      'proxies whose X-Forwarded-For gives the client address (anonymous unique users): off, a hop count, or addresses/CIDRs',
  }),
  AUTH_FAILURES_PER_MINUTE: variable({
    parse: integer(1, 100_000),
    default: 30,
    description:
      'wrong API keys one client address may send per minute before all its keyed requests get 429 (in memory, per process)',
  }),
  API_KEY_REQUESTS_PER_SECOND: variable({
    parse: integer(1, 1_000_000),
    default: 500,
    description:
      'requests one API key may make per second on /graphql and /v1 before 429 (in memory, per process; never on /c/:token)',
  }),
  IMPRESSION_TTL: variable({
    parse: duration,
    default: 7 * 86_400_000,
    description: 'how long a click link stays valid',
  }),
  APPEND_TIMEOUT_MS: variable({
    parse: integer(10, 60_000),
    default: 1_000,
    description: 'longest wait for the event store before a click goes to the local spool',
  }),
  PUBLIC_BASE_URL: optional({
    parse: url('http', 'https'),
    description: 'base of minted click URLs; unset = http://HOST:PORT',
  }),
  AD_TARGETS_ALLOW_PRIVATE: optional<'on' | 'off'>({
    parse: oneOf('on', 'off'),
    description:
      'whether ad target URLs may point to loopback, private, link-local or local hosts; unset = off when NODE_ENV=production, on otherwise',
  }),
  PROJECTION_BATCH_SIZE: variable({
    parse: integer(1, 50_000),
    default: 2_000,
    description: 'most events a projection applies in one transaction',
  }),
  PROJECTION_BATCH_WAIT: variable({
    parse: duration,
    default: 100,
    description: 'longest a projection batch stays open after its first event',
  }),
  PROJECTOR_RPC_HOST: variable({
    parse: (raw) => ({ ok: true, value: raw }),
    default: '127.0.0.1',
    description:
      'projector: interface its rebuild commands listen on (TCP); api: where to reach it',
  }),
  PROJECTOR_RPC_PORT: variable({
    parse: integer(1, 65535),
    default: 3001,
    description: "TCP port of the projector's rebuild commands (@nestjs/microservices)",
  }),
  REBUILD_BATCH_SIZE: variable({
    parse: integer(100, 1_000_000),
    default: 50_000,
    description:
      'events a rebuild reads per step; its bulk replay writes at most ten steps (or 400,000 bucket rows) per transaction',
  }),
  // Traffic quality. The tracker records facts; the projector judges them with these rules
  // (README, "Traffic quality"); a rebuild re-judges history with the settings it runs with.
  QUALITY_DATACENTER_RANGES: optional({
    // Read and checked here, so a missing file or a bad line is listed with every other problem.
    parse: cidrFile,
    description:
      'tracker: file of data-centre/cloud CIDR ranges, one a line (scripts/refresh-datacenter-ranges.mjs writes one); unset = addresses not classed',
  }),
  QUALITY_MIN_CLICK_DELAY: variable({
    parse: durationOrOff(600_000),
    default: 1_000,
    description:
      'projector: a click sooner than this after its impression was minted is invalid (too-fast); off = rule off',
  }),
  QUALITY_REPEAT_MAX_CLICKS: variable({
    parse: integer(0, 1_000),
    default: 3,
    description:
      'projector: clicks one user may make on one ad within QUALITY_REPEAT_WINDOW before the next are invalid (repeat); 0 = rule off',
  }),
  QUALITY_REPEAT_WINDOW: variable({
    parse: durationOrOff(86_400_000),
    default: 3_600_000,
    description: 'projector: the window of the repeat rule (at most 24h); off = rule off',
  }),
  SHUTDOWN_TIMEOUT: variable({
    parse: duration,
    default: 10_000,
    description: 'how long a stop may take to drain before the process exits anyway',
  }),
  // Tracing (OpenTelemetry). The SDK reads these and the other standard OTEL_* variables
  // itself; they are listed here so that a typo fails the start instead of silently leaving
  // traces off, and so that the README's table has them.
  OTEL_EXPORTER_OTLP_ENDPOINT: optional({
    parse: url('http', 'https'),
    description:
      'OpenTelemetry collector (OTLP/HTTP, e.g. http://collector:4318; /v1/traces is appended): set = traces exported, unset = tracing off',
  }),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optional({
    parse: url('http', 'https'),
    description:
      'full URL for traces (used as is) instead of OTEL_EXPORTER_OTLP_ENDPOINT/v1/traces; does not turn tracing on by itself',
  }),
  OTEL_EXPORTER_OTLP_PROTOCOL: optional<'http/json'>({
    parse: (raw) =>
      raw === 'http/json'
        ? { ok: true, value: raw }
        : {
            ok: false,
            problem: `must be http/json (traces are sent as OTLP/HTTP JSON, which a collector's OTLP/HTTP port takes), got "${raw}"`,
          },
    description: 'only http/json (the default here); grpc and http/protobuf are refused',
  }),
  OTEL_SERVICE_NAME: optional({
    parse: text,
    description:
      "service name on this process's spans; unset = tracker, projector, api or all-in-one",
  }),
  OTEL_SDK_DISABLED: optional<'true' | 'false'>({
    parse: oneOf('true', 'false'),
    description: 'true keeps tracing off even with an endpoint set',
  }),
  OTEL_TRACES_SAMPLER: optional({
    parse: oneOf(
      'always_on',
      'always_off',
      'traceidratio',
      'parentbased_always_on',
      'parentbased_always_off',
      'parentbased_traceidratio',
    ),
    description: 'which traces are recorded; unset = parentbased_always_on (all)',
  }),
  OTEL_TRACES_SAMPLER_ARG: optional({
    parse: (raw) => {
      const value = Number(raw);
      return raw.trim() !== '' && value >= 0 && value <= 1
        ? { ok: true, value }
        : { ok: false, problem: `must be a number from 0 to 1, got "${raw}"` };
    },
    description: 'the ratio for the traceidratio samplers, e.g. 0.01',
  }),
} as const;

type Schema = typeof ENV_SCHEMA;
type ValueOf<D> = D extends { readonly parse: Parser<infer T> } ? T : never;

/** The validated environment: variables with a default are always set. */
export type Env = {
  readonly [K in keyof Schema]: Schema[K] extends { default: unknown }
    ? ValueOf<Schema[K]>
    : ValueOf<Schema[K]> | undefined;
};
