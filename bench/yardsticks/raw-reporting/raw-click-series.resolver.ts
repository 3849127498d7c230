import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Pool } from 'pg';
import { ClickSeriesArgs } from './click-series.args';
import { ClickPointType, ClickSeriesType } from './click-series.type';
import { PG_UNIT } from './granularity';

interface Row {
  readonly start: Date;
  readonly clicks: number;
  readonly bot_clicks: number;
  readonly unique_users: number;
}

/**
 * clickSeries without read models: one GROUP BY over the raw clicks of the ad in range (index
 * on ad_id, clicked_at), zero-filled to one point per bucket as the product answers, in UTC.
 */
@Resolver()
export class RawClickSeriesResolver {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  @Query(() => ClickSeriesType)
  async clickSeries(@Args() args: ClickSeriesArgs): Promise<ClickSeriesType> {
    const { rows } = await this.pool.query<Row>(
      `WITH counted AS (
         SELECT date_trunc($4, clicked_at, 'UTC') AS start,
                count(*) FILTER (WHERE NOT bot) AS clicks,
                count(*) FILTER (WHERE bot) AS bot_clicks,
                count(DISTINCT user_key) FILTER (WHERE NOT bot) AS unique_users
           FROM bench_raw_clicks
          WHERE ad_id = $1 AND clicked_at >= date_trunc($4, $2::timestamptz, 'UTC')
            AND clicked_at < $3
          GROUP BY 1
       )
       SELECT b.start, coalesce(c.clicks, 0)::float8 AS clicks,
              coalesce(c.bot_clicks, 0)::float8 AS bot_clicks,
              coalesce(c.unique_users, 0)::float8 AS unique_users
         FROM generate_series(date_trunc($4, $2::timestamptz, 'UTC'),
                              $3::timestamptz - interval '1 microsecond',
                              ('1 ' || $4)::interval) AS b(start)
         LEFT JOIN counted c USING (start)
        ORDER BY b.start`,
      [args.adId, args.from, args.to, PG_UNIT[args.granularity]],
    );
    return {
      adId: args.adId,
      // A raw table is as fresh as its last insert: nothing to look up.
      asOf: new Date(),
      points: rows.map((r): ClickPointType => ({
        start: r.start,
        clicks: r.clicks,
        botClicks: r.bot_clicks,
        uniqueUsers: r.unique_users,
      })),
    };
  }
}
