import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { ReadinessCheck, ReadinessResult } from './readiness-check';

@Injectable()
export class DatabaseReadinessCheck implements ReadinessCheck {
  readonly name = 'database';

  constructor(@Inject(Pool) private readonly pool: Pool) {}

  async check(): Promise<ReadinessResult> {
    try {
      await this.pool.query('SELECT 1');
      return { ready: true };
    } catch (error) {
      return { ready: false, detail: (error as Error).message };
    }
  }
}
