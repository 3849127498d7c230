import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Pool } from 'pg';
import { ReadinessCheck, ReadinessResult } from './readiness-check';
import { ReadinessRegistry } from './readiness-registry';

@Injectable()
export class DatabaseReadinessCheck implements ReadinessCheck, OnModuleInit {
  readonly name = 'database';

  constructor(
    @Inject(Pool) private readonly pool: Pool,
    @Inject(ReadinessRegistry) private readonly registry: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  async check(): Promise<ReadinessResult> {
    try {
      await this.pool.query('SELECT 1');
      return { ready: true };
    } catch (error) {
      return { ready: false, detail: (error as Error).message };
    }
  }
}
