import { Command } from '@nestjs/cqrs';
import { AdState } from '../domain/ad.aggregate';
import { CommandContext } from '../shared/command-context';

export class ChangeAdTargetCommand extends Command<AdState> {
  constructor(
    readonly context: CommandContext,
    readonly adId: string,
    readonly targetUrl: string,
  ) {
    super();
  }
}
