import { Body, Controller, Inject, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AdminOnly, ApiKeyGuard } from '../auth/api-key.guard';
import { CreateAdvertiserCommand, CreatedAdvertiser } from './create-advertiser.command';
import { CreateAdvertiserDto } from './create-advertiser.dto';

@Controller('v1/advertisers')
@UseGuards(ApiKeyGuard)
export class CreateAdvertiserHttpController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post()
  @AdminOnly()
  create(@Body() body: CreateAdvertiserDto): Promise<CreatedAdvertiser> {
    return this.commands.execute(new CreateAdvertiserCommand(body.name.trim()));
  }
}
