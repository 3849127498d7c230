import { Body, Controller, Inject, Param, Put, Req, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiKeyGuard, CurrentPrincipal, Principal } from '@app/advertisers';
import { ParseAnyCaseUuidPipe } from '@app/runtime';
import { FastifyRequest } from 'fastify';
import { AdDetails, toAdDetails } from '../shared/ad-details';
import { commandContext } from '../shared/command-context';
import { ChangeAdTargetCommand } from './change-ad-target.command';
import { ChangeAdTargetDto } from './change-ad-target.dto';

@Controller('v1/ads')
@UseGuards(ApiKeyGuard)
export class ChangeAdTargetHttpController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Put(':adId/target')
  async changeTarget(
    @CurrentPrincipal() principal: Principal,
    @Req() req: FastifyRequest,
    @Param('adId', new ParseAnyCaseUuidPipe()) adId: string,
    @Body() body: ChangeAdTargetDto,
  ): Promise<AdDetails> {
    return toAdDetails(
      await this.commands.execute(
        new ChangeAdTargetCommand(commandContext(principal, req), adId, body.targetUrl),
      ),
    );
  }
}
