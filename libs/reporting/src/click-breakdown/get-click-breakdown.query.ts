import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/advertisers';
import { ClickBreakdownArgs } from './click-breakdown.args';
import { BreakdownEntryType } from './click-breakdown.type';

export class GetClickBreakdownQuery extends Query<BreakdownEntryType[]> {
  constructor(
    readonly principal: Principal,
    readonly args: ClickBreakdownArgs,
  ) {
    super();
  }
}
