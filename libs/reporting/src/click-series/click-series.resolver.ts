import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, Principal } from '@app/access';
import { seriesCost } from '../shared/query-cost';
import { ClickSeriesArgs } from './click-series.args';
import { ClickSeriesType } from './click-series.type';
import { GetClickSeriesQuery } from './get-click-series.query';

@Resolver()
export class ClickSeriesResolver {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Query(() => ClickSeriesType, {
    description: 'Clicks per minute, hour or day of one ad, at most 10,080 points.',
    // What it reads is its points, whatever the selection (`{ asOf }` alone reads them all).
    complexity: ({ args, childComplexity }) => 10 + seriesCost(args) + childComplexity,
  })
  @Access('authenticated')
  clickSeries(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ClickSeriesArgs,
  ): Promise<ClickSeriesType> {
    return this.queries.execute(new GetClickSeriesQuery(principal, args));
  }
}
