import { Query } from '@nestjs/cqrs';
import { Principal } from '@app/access';
import { TopAdsArgs } from './top-ads.args';
import { TopAdType } from './top-ads.type';

export class GetTopAdsQuery extends Query<TopAdType[]> {
  constructor(
    readonly principal: Principal,
    readonly args: TopAdsArgs,
  ) {
    super();
  }
}
