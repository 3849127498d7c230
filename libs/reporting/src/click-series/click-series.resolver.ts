import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, Principal } from '@app/advertisers';
import { ClickSeriesArgs } from './click-series.args';
import { ClickSeriesType } from './click-series.type';
import { GetClickSeriesQuery } from './get-click-series.query';

@Resolver()
export class ClickSeriesResolver {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Query(() => ClickSeriesType, {
    description: 'Clicks per minute, hour or day of one ad, at most 10,080 points.',
    complexity: ({ childComplexity }) => 10 + childComplexity,
  })
  @Access('authenticated')
  clickSeries(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ClickSeriesArgs,
  ): Promise<ClickSeriesType> {
    return this.queries.execute(new GetClickSeriesQuery(principal, args));
  }
}
