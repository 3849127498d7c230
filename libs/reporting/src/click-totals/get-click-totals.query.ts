import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/access';
import { ClickTotalsArgs } from './click-totals.args';
import { ClickTotalsType } from './click-totals.type';

export class GetClickTotalsQuery extends Query<ClickTotalsType> {
  constructor(
    readonly principal: Principal,
    readonly args: ClickTotalsArgs,
  ) {
    super();
  }
}
