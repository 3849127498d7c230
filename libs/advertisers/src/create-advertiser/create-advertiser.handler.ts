import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { generateApiKey, hashApiKey } from '@app/access';
import { AdvertisersRepository } from '../advertisers.repository';
import { CreateAdvertiserCommand, CreatedAdvertiser } from './create-advertiser.command';

@CommandHandler(CreateAdvertiserCommand)
export class CreateAdvertiserHandler implements ICommandHandler<CreateAdvertiserCommand> {
  constructor(@Inject(AdvertisersRepository) private readonly advertisers: AdvertisersRepository) {}

  async execute({ name }: CreateAdvertiserCommand): Promise<CreatedAdvertiser> {
    const apiKey = generateApiKey();
    const row = await this.advertisers.insert(randomUUID(), name, hashApiKey(apiKey));
    return { ...row, apiKey };
  }
}
