import { Controller, Get, Inject, NotFoundException, Param, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AppConfig } from '@app/config';
import { FastifyReply, FastifyRequest } from 'fastify';
import { clickRequest, sendOutcome } from './click-reply';
import { RecordClickCommand } from './record-click.command';

/**
 * GET /bench/c/:token: the redirect with everything but the durable append (verify, ad lookup,
 * user key, device, the event built), so `npm run bench` can measure what recording costs.
 * It answers 404 unless BENCH_BASELINE_ROUTE=on, which only the benchmark sets.
 */
@Controller('bench/c')
export class BenchBaselineHttpController {
  private readonly enabled: boolean;

  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.enabled = config.get('BENCH_BASELINE_ROUTE') === 'on';
  }

  @Get(':token')
  async click(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!this.enabled) throw new NotFoundException('not found');
    sendOutcome(
      await this.commands.execute(new RecordClickCommand(clickRequest(token, req, true))),
      reply,
    );
  }
}
