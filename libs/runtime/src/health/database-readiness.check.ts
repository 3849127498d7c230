import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Pool } from 'pg';
import { SingleFlight } from '../async/single-flight';
import { ReadinessCheck, ReadinessResult } from './readiness-check';
import { ReadinessRegistry } from './readiness-registry';

@Injectable()
export class DatabaseReadinessCheck implements ReadinessCheck, OnModuleInit {
  readonly name = 'database';
  private readonly probe = new SingleFlight<ReadinessResult>();

  constructor(
    @Inject(Pool) private readonly pool: Pool,
    @Inject(ReadinessRegistry) private readonly registry: ReadinessRegistry,
  ) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  /** One probe at a time: against a stalled server, repeated checks must not drain the pool. */
  check(): Promise<ReadinessResult> {
    return this.probe.run(async () => {
      try {
        await this.pool.query('SELECT 1');
        return { ready: true };
      } catch (error) {
        return { ready: false, detail: (error as Error).message };
      }
    });
  }
}
