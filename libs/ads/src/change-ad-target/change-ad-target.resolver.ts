import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, Principal } from '@app/advertisers';
import { AdView } from '@app/contracts';
import { FastifyRequest } from 'fastify';
import { toAdView } from '../shared/ad-view.mapper';
import { commandContext } from '../shared/command-context';
import { ChangeAdTargetArgs } from './change-ad-target.args';
import { ChangeAdTargetCommand } from './change-ad-target.command';

@Resolver(() => AdView)
export class ChangeAdTargetResolver {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Mutation(() => AdView)
  @Access('authenticated')
  async changeAdTarget(
    @CurrentPrincipal() principal: Principal,
    @Context('req') req: FastifyRequest,
    @Args() { adId, targetUrl }: ChangeAdTargetArgs,
  ): Promise<AdView> {
    return toAdView(
      await this.commands.execute(
        new ChangeAdTargetCommand(commandContext(principal, req), adId, targetUrl),
      ),
    );
  }
}
