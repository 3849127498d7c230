import { Command } from '@nestjs/cqrs';
import { AdState } from '../domain/ad.aggregate';
import { CommandContext } from '../shared/command-context';

export class RegisterAdCommand extends Command<AdState> {
  constructor(
    readonly context: CommandContext,
    readonly input: {
      readonly name: string;
      readonly targetUrl: string;
      readonly advertiserId?: string;
    },
  ) {
    super();
  }
}
