import { Inject } from '@nestjs/common';
import { Args, Context, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Access, CurrentPrincipal, Principal } from '@app/access';
import { AdvertiserView, AdView } from '@app/contracts';
import { AdsReader } from '../shared/ads.reader';
import { AdTotalsLoader } from './ad-totals.loader';
import { AdvertiserLoader, AdvertiserRef } from './advertiser.loader';
import { AdTotalsType } from './ad-totals.type';
import { AdArgs, AdsArgs } from './ads.args';

/**
 * The ad catalog read model. An ad registered a moment ago shows up once the catalog
 * projection has applied it (one projection batch, typically well under a second).
 */
@Resolver(() => AdView)
export class AdsResolver {
  constructor(
    @Inject(AdsReader) private readonly reader: AdsReader,
    @Inject(AdTotalsLoader) private readonly totalsLoader: AdTotalsLoader,
    @Inject(AdvertiserLoader) private readonly advertiserLoader: AdvertiserLoader,
  ) {}

  @Query(() => [AdView], {
    description: 'Your ads (all ads for the operator), oldest first.',
    complexity: ({ args, childComplexity }) =>
      (typeof args.limit === 'number' ? args.limit : 100) * childComplexity,
  })
  @Access('authenticated')
  ads(@CurrentPrincipal() principal: Principal, @Args() args: AdsArgs): Promise<AdView[]> {
    return this.reader.list(principal, args.limit, args.offset);
  }

  @Query(() => AdView)
  @Access('authenticated')
  async ad(@CurrentPrincipal() principal: Principal, @Args() { id }: AdArgs): Promise<AdView> {
    const [ad] = await this.reader.requireVisible(principal, [id]);
    return ad;
  }

  @ResolveField(() => AdTotalsType, { complexity: 5 })
  totals(@Parent() ad: AdView, @Context() context: object): Promise<AdTotalsType> {
    return this.totalsLoader.load(context, ad.id);
  }

  @ResolveField(() => AdvertiserView, {
    nullable: true,
    complexity: 2,
    description: "The ad's owner (the operator sees every advertiser's ads).",
  })
  advertiser(@Parent() ad: AdView, @Context() context: object): Promise<AdvertiserRef | null> {
    return this.advertiserLoader.load(context, ad.advertiserId);
  }
}
