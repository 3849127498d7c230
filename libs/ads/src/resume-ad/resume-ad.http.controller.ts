import { Controller, HttpCode, Inject, Param, Post, Req, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiKeyGuard, CurrentPrincipal, Principal } from '@app/advertisers';
import { ParseAnyCaseUuidPipe } from '@app/runtime';
import { FastifyRequest } from 'fastify';
import { AdDetails, toAdDetails } from '../shared/ad-details';
import { commandContext } from '../shared/command-context';
import { ResumeAdCommand } from './resume-ad.command';

@Controller('v1/ads')
@UseGuards(ApiKeyGuard)
export class ResumeAdHttpController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post(':adId/resume')
  @HttpCode(200)
  async resume(
    @CurrentPrincipal() principal: Principal,
    @Req() req: FastifyRequest,
    @Param('adId', new ParseAnyCaseUuidPipe()) adId: string,
  ): Promise<AdDetails> {
    return toAdDetails(
      await this.commands.execute(new ResumeAdCommand(commandContext(principal, req), adId)),
    );
  }
}
