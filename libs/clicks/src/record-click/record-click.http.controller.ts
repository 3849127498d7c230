import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Public } from '@app/access';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ClickMetrics } from '../click-metrics';
import { clickRequest, sendOutcome } from './click-reply';
import { RecordClickCommand } from './record-click.command';

/**
 * GET (and HEAD) /c/:token: the redirect. Answers are short plain-text pages, never JSON.
 * Public: the person clicking has no key; the signed token is all the proof there is.
 */
@Controller('c')
@Public()
export class RecordClickHttpController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(ClickMetrics) private readonly metrics: ClickMetrics,
  ) {}

  @Get(':token')
  async click(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const started = process.hrtime.bigint();
    const outcome = await this.commands.execute(new RecordClickCommand(clickRequest(token, req)));
    sendOutcome(outcome, reply);
    this.metrics.redirectSeconds.observe(
      { outcome: outcome.kind },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
  }
}
