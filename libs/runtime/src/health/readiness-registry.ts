import { Injectable } from '@nestjs/common';
import { ReadinessCheck } from './readiness-check';

/** Features register what /readyz should ask about (the database, the click spool, …). */
@Injectable()
export class ReadinessRegistry {
  private readonly checks: ReadinessCheck[] = [];

  register(check: ReadinessCheck): void {
    this.checks.push(check);
  }

  all(): readonly ReadinessCheck[] {
    return this.checks;
  }
}
