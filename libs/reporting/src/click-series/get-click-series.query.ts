import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/access';
import { ClickSeriesArgs } from './click-series.args';
import { ClickSeriesType } from './click-series.type';

export class GetClickSeriesQuery extends Query<ClickSeriesType> {
  constructor(
    readonly principal: Principal,
    readonly args: ClickSeriesArgs,
  ) {
    super();
  }
}
