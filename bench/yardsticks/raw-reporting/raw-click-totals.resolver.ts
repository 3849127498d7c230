import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Pool } from 'pg';
import { ClickTotalsArgs } from './click-totals.args';
import { AdClickTotalsType, ClickTotalsType } from './click-totals.type';

interface Row {
  readonly ad_id: string;
  readonly clicks: number;
  readonly bot_clicks: number;
  readonly unique_users: number;
}

const MINUTE = 60_000;

/**
 * clickTotals without read models: one GROUP BY over the raw clicks of the ads in range, exact
 * distinct users included; one entry per ad asked for, in that order, as the product answers.
 */
@Resolver()
export class RawClickTotalsResolver {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  @Query(() => ClickTotalsType)
  async clickTotals(@Args() args: ClickTotalsArgs): Promise<ClickTotalsType> {
    // The product's range: from rounded down, to rounded up, to the minute.
    const from = new Date(Math.floor(args.from.getTime() / MINUTE) * MINUTE);
    const to = new Date(Math.ceil(args.to.getTime() / MINUTE) * MINUTE);
    const { rows } = await this.pool.query<Row>(
      `SELECT ad_id,
              count(*) FILTER (WHERE NOT bot)::float8 AS clicks,
              count(*) FILTER (WHERE bot)::float8 AS bot_clicks,
              count(DISTINCT user_key) FILTER (WHERE NOT bot)::float8 AS unique_users
         FROM bench_raw_clicks
        WHERE ad_id = ANY($1::uuid[]) AND clicked_at >= $2 AND clicked_at < $3
        GROUP BY ad_id`,
      [args.adIds, from, to],
    );
    const byAd = new Map(rows.map((r) => [r.ad_id, r]));
    return {
      from,
      to,
      asOf: new Date(),
      ads: args.adIds.map((adId): AdClickTotalsType => {
        const row = byAd.get(adId.toLowerCase());
        return {
          adId,
          clicks: row?.clicks ?? 0,
          botClicks: row?.bot_clicks ?? 0,
          uniqueUsers: row?.unique_users ?? 0,
        };
      }),
    };
  }
}
