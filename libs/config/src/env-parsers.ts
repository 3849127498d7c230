/**
 * Small, pure parsers for environment variables. Each returns the parsed value or a
 * human sentence saying what is wrong; the schema collects every problem before failing,
 * so an operator fixes all of them in one go instead of one restart per typo.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export type Parser<T> = (raw: string) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(problem: string): Parsed<T> => ({ ok: false, problem });

export const integer =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) return fail(`must be a whole number, got "${raw}"`);
    const value = Number(raw);
    if (value < min || value > max) return fail(`must be between ${min} and ${max}, got ${value}`);
    return ok(value);
  };

/** A share from 0 to 1: "0", "0.01", "1". */
export const fraction: Parser<number> = (raw) => {
  const value = Number(raw.trim());
  return raw.trim() !== '' && Number.isFinite(value) && value >= 0 && value <= 1
    ? ok(value)
    : fail(`must be a number from 0 to 1, got "${raw}"`);
};

export const oneOf =
  <const T extends string>(...allowed: readonly T[]): Parser<T> =>
  (raw) =>
    (allowed as readonly string[]).includes(raw)
      ? ok(raw as T)
      : fail(`must be one of ${allowed.join(', ')}, got "${raw}"`);

export const text: Parser<string> = (raw) =>
  raw.trim() === '' ? fail('must not be empty') : ok(raw.trim());

export const url =
  (...protocols: readonly string[]): Parser<string> =>
  (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      // Never echo the value: connection strings carry passwords.
      return fail(`must be a URL (${protocols.join(' or ')})`);
    }
    if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
      return fail(`must start with ${protocols.map((p) => `${p}://`).join(' or ')}`);
    }
    return ok(raw);
  };

const DURATION_UNITS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** "250ms", "30s", "15m", "12h", "7d", or a bare number of milliseconds. */
export const duration: Parser<number> = (raw) => {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(raw.trim());
  if (!match) return fail(`must be a duration such as 500ms, 30s, 15m, 12h or 7d, got "${raw}"`);
  const value = Number(match[1]) * DURATION_UNITS[match[2] ?? 'ms'];
  return value > 0 ? ok(value) : fail('must be greater than zero');
};

/** A duration, or "off" (also "0"): a threshold that can be switched off. Off reads as 0. */
export const durationOrOff =
  (max: number): Parser<number> =>
  (raw) => {
    if (raw.trim() === 'off' || raw.trim() === '0') return ok(0);
    const parsed = duration(raw);
    if (!parsed.ok) return fail(`must be off or ${parsed.problem.replace(/^must be /, '')}`);
    return parsed.value <= max ? parsed : fail(`must be at most ${max / 1000} s, got ${raw}`);
  };
