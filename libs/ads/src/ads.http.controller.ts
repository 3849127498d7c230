import { Body, Controller, HttpCode, Get, Inject, Param, Post, Put, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, mayAccess, Principal } from '@app/access';
import { ParseAnyCaseUuidPipe } from '@app/runtime';
import { FastifyRequest } from 'fastify';
import { ChangeAdTargetDto, RegisterAdDto } from './ads.dto';
import {
  ChangeAdTargetCommand,
  commandContext as context,
  PauseAdCommand,
  RegisterAdCommand,
  ResumeAdCommand,
} from './commands';
import { AdState } from './domain/ad.aggregate';
import { AdError, AdErrorCode } from './domain/ad.error';
import { AdRepository } from './domain/ad.repository';

const uuid = new ParseAnyCaseUuidPipe();

/** REST for ads; GraphQL mutations send the same commands to the same handlers. */
@Controller('v1/ads')
export class AdsHttpController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(AdRepository) private readonly ads: AdRepository,
  ) {}

  @Post()
  register(
    @CurrentPrincipal() principal: Principal,
    @Req() req: FastifyRequest,
    @Body() body: RegisterAdDto,
  ): Promise<AdState> {
    return this.commands.execute(new RegisterAdCommand(context(principal, req), body));
  }

  @Get(':adId')
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('adId', uuid) adId: string,
  ): Promise<AdState> {
    const ad = await this.ads.load(adId);
    if (!ad || !mayAccess(principal, ad.state.advertiserId))
      throw new AdError(AdErrorCode.NotFound, `no ad ${adId}`);
    return ad.state;
  }

  @Put(':adId/target')
  changeTarget(
    @CurrentPrincipal() principal: Principal,
    @Req() req: FastifyRequest,
    @Param('adId', uuid) adId: string,
    @Body() body: ChangeAdTargetDto,
  ): Promise<AdState> {
    return this.commands.execute(
      new ChangeAdTargetCommand(context(principal, req), adId, body.targetUrl),
    );
  }

  @Post(':adId/pause')
  @HttpCode(200)
  pause(
    @CurrentPrincipal() principal: Principal,
    @Req() req: FastifyRequest,
    @Param('adId', uuid) adId: string,
  ): Promise<AdState> {
    return this.commands.execute(new PauseAdCommand(context(principal, req), adId));
  }

  @Post(':adId/resume')
  @HttpCode(200)
  resume(
    @CurrentPrincipal() principal: Principal,
    @Req() req: FastifyRequest,
    @Param('adId', uuid) adId: string,
  ): Promise<AdState> {
    return this.commands.execute(new ResumeAdCommand(context(principal, req), adId));
  }
}
