import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, Principal } from '@app/access';
import { topAdsCost } from '../shared/query-cost';
import { GetTopAdsQuery } from './get-top-ads.query';
import { TopAdsArgs } from './top-ads.args';
import { TopAdType } from './top-ads.type';

@Resolver()
export class TopAdsResolver {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Query(() => [TopAdType], {
    description: 'The most clicked ads in the sliding window ending now, among those you may see.',
    complexity: ({ args, childComplexity }) => 10 + topAdsCost(args, childComplexity),
  })
  @Access('authenticated')
  topAds(@CurrentPrincipal() principal: Principal, @Args() args: TopAdsArgs): Promise<TopAdType[]> {
    return this.queries.execute(new GetTopAdsQuery(principal, args));
  }
}
