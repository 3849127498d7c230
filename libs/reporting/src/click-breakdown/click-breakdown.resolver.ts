import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, Principal } from '@app/access';
import { breakdownCost } from '../shared/query-cost';
import { ClickBreakdownArgs } from './click-breakdown.args';
import { ClickBreakdownType } from './click-breakdown.type';
import { GetClickBreakdownQuery } from './get-click-breakdown.query';

@Resolver()
export class ClickBreakdownResolver {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Query(() => ClickBreakdownType, {
    description:
      'Clicks of one ad by country, device or placement over a range (rounded outwards to ' +
      'whole minutes, as clickTotals).',
    complexity: ({ args, childComplexity }) => 10 + breakdownCost(args) + childComplexity,
  })
  @Access('authenticated')
  clickBreakdown(
    @CurrentPrincipal() principal: Principal,
    @Args() args: ClickBreakdownArgs,
  ): Promise<ClickBreakdownType> {
    return this.queries.execute(new GetClickBreakdownQuery(principal, args));
  }
}
