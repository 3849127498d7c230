import { Command } from '@nestjs/cqrs';
import { AdState } from '../domain/ad.aggregate';
import { CommandContext } from '../shared/command-context';

export class ResumeAdCommand extends Command<AdState> {
  constructor(
    readonly context: CommandContext,
    readonly adId: string,
  ) {
    super();
  }
}
