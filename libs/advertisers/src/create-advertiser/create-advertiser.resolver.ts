import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Access } from '@app/access';
import { CreateAdvertiserCommand } from './create-advertiser.command';
import { CreatedAdvertiserType } from './created-advertiser.type';
import { CreateAdvertiserDto } from './create-advertiser.dto';

@Resolver()
export class CreateAdvertiserResolver {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Mutation(() => CreatedAdvertiserType, {
    description: 'Operator only. Returns the new advertiser and its API key, once.',
  })
  @Access('admin')
  async createAdvertiser(@Args() { name }: CreateAdvertiserDto): Promise<CreatedAdvertiserType> {
    const created = await this.commands.execute(new CreateAdvertiserCommand(name.trim()));
    return {
      advertiser: { id: created.advertiserId, name: created.name, createdAt: created.createdAt },
      apiKey: created.apiKey,
    };
  }
}
