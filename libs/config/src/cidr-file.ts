import { readFileSync } from 'node:fs';
import { Parsed } from './env-parsers';
import { isCidr } from './trusted-proxies';

/**
 * A file of CIDR ranges, one a line (`#` comments and blank lines skipped), checked at start so
 * that a missing file, a directory or a bad line is listed with the other invalid settings
 * rather than failing later in the module that reads it. The value is the path.
 */
export function cidrFile(raw: string): Parsed<string> {
  const path = raw.trim();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : (code ?? (error as Error).message);
    return { ok: false, problem: `cannot read ${path}: ${why}` };
  }
  const lines = text.split(/\r?\n/);
  const bad = lines.findIndex((line) => {
    const entry = line.replace(/#.*/, '').trim();
    return entry !== '' && !isCidr(entry);
  });
  if (bad >= 0)
    return {
      ok: false,
      problem: `${path} line ${bad + 1} is not a CIDR range or address: "${lines[bad].trim().slice(0, 80)}"`,
    };
  return { ok: true, value: path };
}
