import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Pool } from 'pg';
import { TopAdsArgs } from './top-ads.args';
import { TopAdType } from './top-ads.type';

interface Row {
  readonly ad_id: string;
  readonly name: string;
  readonly clicks: number;
  readonly bot_clicks: number;
  readonly unique_users: number;
}

const MINUTE = 60_000;

/**
 * topAds without read models, as the operator asks it (every ad): one GROUP BY over the raw
 * clicks of the window (the current minute and the lastMinutes - 1 before it), then the names
 * of the winners. There is no advertiser scope: the yardstick has no API keys.
 */
@Resolver()
export class RawTopAdsResolver {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  @Query(() => [TopAdType])
  async topAds(@Args() args: TopAdsArgs): Promise<TopAdType[]> {
    const since = new Date(
      Math.floor(Date.now() / MINUTE) * MINUTE - (args.lastMinutes - 1) * MINUTE,
    );
    const { rows } = await this.pool.query<Row>(
      `WITH top AS (
         SELECT ad_id,
                count(*) FILTER (WHERE NOT bot)::float8 AS clicks,
                count(*) FILTER (WHERE bot)::float8 AS bot_clicks,
                count(DISTINCT user_key) FILTER (WHERE NOT bot)::float8 AS unique_users
           FROM bench_raw_clicks WHERE clicked_at >= $1
          GROUP BY ad_id ORDER BY clicks DESC, ad_id LIMIT $2
       )
       SELECT top.*, a.name FROM top JOIN bench_ads a USING (ad_id)
        ORDER BY top.clicks DESC, top.ad_id`,
      [since, args.limit],
    );
    return rows.map((r) => ({
      ad: { id: r.ad_id, name: r.name },
      clicks: r.clicks,
      botClicks: r.bot_clicks,
      uniqueUsers: r.unique_users,
    }));
  }
}
