import { ConfigError } from './config.error';
import { Env, ENV_SCHEMA } from './env.schema';

/**
 * Validates the raw environment against ENV_SCHEMA. Unset and empty variables take their
 * defaults; every problem is collected so the error lists them all. Values are never
 * echoed for variables that may hold secrets (the parsers take care of that).
 */
export function loadEnv(raw: NodeJS.ProcessEnv = process.env): Env {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const [name, definition] of Object.entries(ENV_SCHEMA)) {
    const input = raw[name];
    if (input === undefined || input === '') {
      values[name] = 'default' in definition ? definition.default : undefined;
      continue;
    }
    const parsed = definition.parse(input);
    if (parsed.ok) values[name] = parsed.value;
    else problems.push(`${name} ${parsed.problem}`);
  }
  problems.push(...crossChecks(values));
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(values) as Env;
}

/** What no single variable can say wrong on its own: two listeners on one port. */
function crossChecks(values: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const metrics = values.METRICS_PORT;
  if (metrics !== undefined && (metrics === values.PORT || metrics === values.PROJECTOR_RPC_PORT))
    problems.push(
      `METRICS_PORT ${String(metrics)} is also ${metrics === values.PORT ? 'PORT' : 'PROJECTOR_RPC_PORT'}: /metrics needs a port of its own`,
    );
  return problems;
}
