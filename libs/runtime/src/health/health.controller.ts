import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { FastifyReply } from 'fastify';
import { ReadinessRegistry } from './readiness-registry';

@Controller()
export class HealthController {
  constructor(@Inject(ReadinessRegistry) private readonly readiness: ReadinessRegistry) {}

  /** Liveness: the process answers. Never touches a dependency, so a slow database cannot get us killed. */
  @Get('healthz')
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: every registered check, with its detail; 503 when any is not ready. */
  @Get('readyz')
  async readyz(@Res() reply: FastifyReply): Promise<void> {
    const results = await Promise.all(
      this.readiness.all().map(async (c) => [c.name, await c.check()] as const),
    );
    const ready = results.every(([, r]) => r.ready);
    await reply
      .status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .send({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(results) });
  }
}
