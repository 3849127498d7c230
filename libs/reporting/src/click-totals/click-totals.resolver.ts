import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, Principal } from '@app/access';
import { totalsCost } from '../shared/query-cost';
import { ClickTotalsArgs } from './click-totals.args';
import { ClickTotalsType } from './click-totals.type';
import { GetClickTotalsQuery } from './get-click-totals.query';

@Resolver()
export class ClickTotalsResolver {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Query(() => ClickTotalsType, {
    description: 'Clicks and unique users per ad over a range (up to 1,000 ads).',
    complexity: ({ args, childComplexity }) => 10 + totalsCost(args) + childComplexity,
  })
  @Access('authenticated')
  clickTotals(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ClickTotalsArgs,
  ): Promise<ClickTotalsType> {
    return this.queries.execute(new GetClickTotalsQuery(principal, args));
  }
}
