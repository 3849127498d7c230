import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/access';
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
