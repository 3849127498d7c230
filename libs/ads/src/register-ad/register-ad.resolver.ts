import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, Principal } from '@app/advertisers';
import { AdView } from '@app/contracts';
import { FastifyRequest } from 'fastify';
import { toAdView } from '../shared/ad-view.mapper';
import { commandContext } from '../shared/command-context';
import { RegisterAdCommand } from './register-ad.command';
import { RegisterAdDto } from './register-ad.dto';

@Resolver(() => AdView)
export class RegisterAdResolver {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Mutation(() => AdView)
  @Access('authenticated')
  async registerAd(
    @CurrentPrincipal() principal: Principal,
    @Context('req') req: FastifyRequest,
    @Args('input') input: RegisterAdDto,
  ): Promise<AdView> {
    return toAdView(
      await this.commands.execute(new RegisterAdCommand(commandContext(principal, req), input)),
    );
  }
}
