import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/access';
import { ClickBreakdownArgs } from './click-breakdown.args';
import { ClickBreakdownType } from './click-breakdown.type';

export class GetClickBreakdownQuery extends Query<ClickBreakdownType> {
  constructor(
    readonly principal: Principal,
    readonly args: ClickBreakdownArgs,
  ) {
    super();
  }
}
