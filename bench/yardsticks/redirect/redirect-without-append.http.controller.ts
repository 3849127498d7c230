import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { FastifyReply, FastifyRequest } from 'fastify';
import { RedirectWithoutAppendCommand } from './redirect-without-append.command';

/** GET /c/:token, the tracker's path, answered as the tracker answers it: 302 or plain text. */
@Controller('c')
export class RedirectWithoutAppendHttpController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Get(':token')
  async click(
    @Param('token') token: string,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const outcome = await this.commands.execute(
      new RedirectWithoutAppendCommand({
        token,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
        correlationId: req.id,
      }),
    );
    void reply.header('Cache-Control', 'no-store');
    if (outcome.kind === 'redirect') {
      void reply.status(302).header('Location', outcome.location).send();
      return;
    }
    void reply.status(outcome.status).type('text/plain; charset=utf-8').send(`${outcome.page}\n`);
  }
}
