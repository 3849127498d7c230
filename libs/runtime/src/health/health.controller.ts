import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { Public } from '../access/access-rule';
import { withTimeout } from '../async/with-timeout';
import { ReadinessResult } from './readiness-check';
import { ReadinessRegistry } from './readiness-registry';

/** A check that has not answered by then is reported as unknown: /readyz answers within a second. */
const CHECK_TIMEOUT_MS = 800;

/** Public: orchestrators and load balancers probe without a key. */
@Controller()
@Public()
export class HealthController {
  constructor(@Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry) {}

  /** Liveness: the process answers. Never touches a dependency, so a slow database cannot get us killed. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every registered check, with its detail; 503 when any is not ready (or not known). */
  @Get('readyz')
  async readyz(@Res() reply: FastifyReply): Promise<void> {
    const results = await Promise.all(
      this.readiness.all().map(async (c) => {
        const result = await withTimeout(c.check(), CHECK_TIMEOUT_MS, c.name).catch(
          (error: unknown): ReadinessResult => ({
            ready: false,
            detail: `unknown: ${(error as Error).message}`,
          }),
        );
        return [c.name, result] as const;
      }),
    );
    const ready = results.every(([, r]) => r.ready);
    await reply
      .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .send({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  }
}
