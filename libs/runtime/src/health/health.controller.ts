import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { READINESS_CHECKS, ReadinessCheck } from './readiness-check';

@Controller()
export class HealthController {
  constructor(@Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[]) {}

  /** Liveness: the process answers. Never touches a dependency, so a slow database cannot get us killed. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every dependency answers; 503 with the failing ones otherwise. */
  @Get('readyz')
  async readyz(@Res() reply: FastifyReply): Promise<void> {
    const results = await Promise.all(
      this.checks.map(async (c) => [c.name, await c.check()] as const),
    );
    const ready = results.every(([, r]) => r.ready);
    await reply
      .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .send({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  }
}
