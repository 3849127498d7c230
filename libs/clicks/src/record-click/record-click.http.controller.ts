import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FastifyReply, FastifyRequest } from 'fastify';
import { ClickMetrics } from '../click-metrics';
import { ClickOutcome, RecordClickCommand } from './record-click.command';

const PAGES = {
  'bad-link': 'This link is not valid. It may have been cut short or changed.',
  'unknown-ad': 'This ad no longer exists.',
  unavailable: 'We could not open this link just now. Please try again in a moment.',
} as const;

/** GET (and HEAD) /c/:token: the redirect. Answers are short plain-text pages, never JSON. */
@Controller('c')
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
    const outcome = await this.commands.execute(
      new RecordClickCommand({
        token,
        method: req.method,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
        correlationId: req.id,
      }),
    );
    void reply.header('Cache-Control', 'no-store');
    this.send(outcome, reply);
    this.metrics.redirectSeconds.observe(
      { outcome: outcome.kind },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
  }

  private send(outcome: ClickOutcome, reply: FastifyReply): void {
    switch (outcome.kind) {
      case 'recorded':
      case 'duplicate':
      case 'spooled':
      case 'lost':
      case 'not-recorded':
        void reply.status(302).header('Location', outcome.location).send();
        return;
      case 'rejected':
        switch (outcome.reason) {
          case 'malformed':
          case 'unknown-key':
          case 'bad-signature':
            return page(reply, 400, PAGES['bad-link']);
          case 'unknown-ad':
            return page(reply, 404, PAGES['unknown-ad']);
          case 'unavailable':
            return page(reply, 503, PAGES.unavailable);
        }
    }
  }
}

function page(reply: FastifyReply, status: number, text: string): void {
  void reply.status(status).type('text/plain; charset=utf-8').send(`${text}\n`);
}
