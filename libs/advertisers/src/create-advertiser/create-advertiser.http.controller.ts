import { Body, Controller, Inject, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Access } from '@app/access';
import { CreateAdvertiserCommand, CreatedAdvertiser } from './create-advertiser.command';
import { CreateAdvertiserDto } from './create-advertiser.dto';

@Controller('v1/advertisers')
export class CreateAdvertiserHttpController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post()
  @Access('admin')
  create(@Body() body: CreateAdvertiserDto): Promise<CreatedAdvertiser> {
    return this.commands.execute(new CreateAdvertiserCommand(body.name.trim()));
  }
}
