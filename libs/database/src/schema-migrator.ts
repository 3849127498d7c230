import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { isConnectionError } from './connection-errors';
import { runMigrations } from './run-migrations';

const RETRY_MS = 2_000;

/**
 * Brings the schema up to date at start. A process must be able to start while its database is
 * down or stalled (a tracker redirects from its spool and ad snapshot), so an unreachable
 * database does not fail the start: migrations are retried in the background until they run.
 * Any other failure (a broken migration) still stops the start.
 */
export class SchemaMigrator {
  private readonly logger = new Logger('Database');
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly dataSource: DataSource) {}

  async start(): Promise<void> {
    try {
      await this.migrate();
    } catch (error) {
      if (!isConnectionError(error)) throw error;
      this.logger.warn(
        `database unreachable at start (${(error as Error).message}); migrations run when it is back`,
      );
      this.scheduleRetry();
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  private async migrate(): Promise<void> {
    if (!this.dataSource.isInitialized) await this.dataSource.initialize();
    const applied = await runMigrations(this.dataSource);
    if (applied.length > 0) this.logger.log(`applied migrations: ${applied.join(', ')}`);
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.migrate().then(
        () => this.logger.log('database reachable again; schema is up to date'),
        (error: unknown) => {
          if (!isConnectionError(error))
            this.logger.error(`migrations failed: ${(error as Error).message}`);
          this.scheduleRetry();
        },
      );
    }, RETRY_MS);
    this.retry.unref();
  }
}
