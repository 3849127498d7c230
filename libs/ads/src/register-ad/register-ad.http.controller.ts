import { Body, Controller, Inject, Post, Req, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiKeyGuard, CurrentPrincipal, Principal } from '@app/advertisers';
import { FastifyRequest } from 'fastify';
import { AdDetails, toAdDetails } from '../shared/ad-details';
import { commandContext } from '../shared/command-context';
import { RegisterAdCommand } from './register-ad.command';
import { RegisterAdDto } from './register-ad.dto';

@Controller('v1/ads')
@UseGuards(ApiKeyGuard)
export class RegisterAdHttpController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post()
  async register(
    @CurrentPrincipal() principal: Principal,
    @Req() req: FastifyRequest,
    @Body() body: RegisterAdDto,
  ): Promise<AdDetails> {
    return toAdDetails(
      await this.commands.execute(new RegisterAdCommand(commandContext(principal, req), body)),
    );
  }
}
