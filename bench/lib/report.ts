import { readFileSync, writeFileSync } from 'node:fs';

const BEGIN = (section: string) => `<!-- bench:${section}:begin -->`;
const END = (section: string) => `<!-- bench:${section}:end -->`;

/**
 * Replaces one generated section of docs/benchmarks.md (between its markers), or appends it:
 * hand-written prose around the tables survives a re-run.
 */
export function writeSection(path: string, section: string, markdown: string): void {
  const text = readFileSync(path, 'utf8');
  const block = `${BEGIN(section)}\n${markdown.trim()}\n${END(section)}`;
  const start = text.indexOf(BEGIN(section));
  const end = text.indexOf(END(section));
  const next =
    start >= 0 && end > start
      ? text.slice(0, start) + block + text.slice(end + END(section).length)
      : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(path, next);
}

export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}
