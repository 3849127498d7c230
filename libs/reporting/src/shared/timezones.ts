import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { ReportingError, ReportingErrorCode } from '../reporting.error';

/**
 * The IANA zone names this PostgreSQL knows (it does the calendar arithmetic, so its list is
 * the one that matters). Loaded once: pg_timezone_names reads the zone files on every query.
 */
@Injectable()
export class Timezones {
  private names?: Promise<Map<string, string>>;

  constructor(@Inject(Pool) private readonly pool: Pool) {}

  /** The canonical spelling of a zone name, or a BAD_USER_INPUT error naming it. */
  async resolve(name: string): Promise<string> {
    this.names ??= this.load();
    const names = await this.names.catch((error: unknown) => {
      this.names = undefined;
      throw error;
    });
    const canonical = names.get(name.toLowerCase());
    if (!canonical)
      throw new ReportingError(
        ReportingErrorCode.UnknownTimezone,
        `unknown timezone "${name.slice(0, 64)}": use an IANA name such as "UTC" or "America/New_York"`,
      );
    return canonical;
  }

  private async load(): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ name: string }>('SELECT name FROM pg_timezone_names');
    // Only region/city names (and UTC): one-word and POSIX-style entries are easy to mistake
    // ("EST" is a fixed UTC-5 all year, not New York's time; "EST5EDT" follows US rules of
    // 2007), and every place they might mean has a region/city name.
    const names = rows.map((r) => r.name).filter((n) => n === 'UTC' || /^[A-Z][\w+-]*\//.test(n));
    return new Map(names.map((n) => [n.toLowerCase(), n]));
  }
}
