import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, Principal } from '@app/access';
import { AdView } from '@app/contracts';
import { FastifyRequest } from 'fastify';
import { AdIdArgs, ChangeAdTargetArgs, RegisterAdDto } from './ads.dto';
import {
  ChangeAdTargetCommand,
  commandContext as context,
  PauseAdCommand,
  RegisterAdCommand,
  ResumeAdCommand,
} from './commands';
import { AdState } from './domain/ad.aggregate';

/** GraphQL mutations for ads: the same commands, to the same handlers, as the REST endpoints. */
@Resolver(() => AdView)
export class AdsResolver {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Mutation(() => AdView)
  @Access('authenticated')
  async registerAd(
    @CurrentPrincipal() principal: Principal,
    @Context('req') req: FastifyRequest,
    @Args('input') input: RegisterAdDto,
  ): Promise<AdView> {
    return toView(
      await this.commands.execute(new RegisterAdCommand(context(principal, req), input)),
    );
  }

  @Mutation(() => AdView)
  @Access('authenticated')
  async changeAdTarget(
    @CurrentPrincipal() principal: Principal,
    @Context('req') req: FastifyRequest,
    @Args() { adId, targetUrl }: ChangeAdTargetArgs,
  ): Promise<AdView> {
    return toView(
      await this.commands.execute(
        new ChangeAdTargetCommand(context(principal, req), adId, targetUrl),
      ),
    );
  }

  @Mutation(() => AdView, { description: 'Pausing a paused ad is a no-op, not an error.' })
  @Access('authenticated')
  async pauseAd(
    @CurrentPrincipal() principal: Principal,
    @Context('req') req: FastifyRequest,
    @Args() { adId }: AdIdArgs,
  ): Promise<AdView> {
    return toView(await this.commands.execute(new PauseAdCommand(context(principal, req), adId)));
  }

  @Mutation(() => AdView, { description: 'Resuming a running ad is a no-op, not an error.' })
  @Access('authenticated')
  async resumeAd(
    @CurrentPrincipal() principal: Principal,
    @Context('req') req: FastifyRequest,
    @Args() { adId }: AdIdArgs,
  ): Promise<AdView> {
    return toView(await this.commands.execute(new ResumeAdCommand(context(principal, req), adId)));
  }
}

function toView(state: AdState): AdView {
  return {
    id: state.adId,
    advertiserId: state.advertiserId,
    name: state.name,
    targetUrl: state.targetUrl,
    paused: state.paused,
  };
}
