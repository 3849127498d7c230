import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, Principal } from '@app/advertisers';
import { AdView } from '@app/contracts';
import { FastifyRequest } from 'fastify';
import { AdIdArgs } from '../shared/ad-id.args';
import { toAdView } from '../shared/ad-view.mapper';
import { commandContext } from '../shared/command-context';
import { ResumeAdCommand } from './resume-ad.command';

@Resolver(() => AdView)
export class ResumeAdResolver {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Mutation(() => AdView, { description: 'Resuming a running ad is a no-op, not an error.' })
  @Access('authenticated')
  async resumeAd(
    @CurrentPrincipal() principal: Principal,
    @Context('req') req: FastifyRequest,
    @Args() { adId }: AdIdArgs,
  ): Promise<AdView> {
    return toAdView(
      await this.commands.execute(new ResumeAdCommand(commandContext(principal, req), adId)),
    );
  }
}
