import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Granularity, LIVE_BUCKET_TABLES, UNIT_MS } from '@app/read-models';
import { Pool } from 'pg';
import { AdsReader } from '../shared/ads.reader';
import { toCount } from '../shared/count';
import { checkRange } from '../shared/time-range';
import { BreakdownEntryType, Dimension } from './click-breakdown.type';
import { GetClickBreakdownQuery } from './get-click-breakdown.query';

const STORED_DIMENSION: Record<Dimension, string> = {
  [Dimension.COUNTRY]: 'country',
  [Dimension.DEVICE]: 'device',
};

/** Clicks by country or device over whole UTC days, most clicked first. */
@QueryHandler(GetClickBreakdownQuery)
export class GetClickBreakdownHandler implements IQueryHandler<GetClickBreakdownQuery> {
  constructor(
    @Inject(AdsReader) private readonly ads: AdsReader,
    @Inject(Pool) private readonly pool: Pool,
  ) {}

  async execute({ principal, args }: GetClickBreakdownQuery): Promise<BreakdownEntryType[]> {
    const range = checkRange(args.from, args.to);
    await this.ads.requireVisible(principal, [args.adId]);
    const day = UNIT_MS[Granularity.DAY];
    const { rows } = await this.pool.query<{ value: string; clicks: string; bot_clicks: string }>(
      `SELECT value, sum(clicks) AS clicks, sum(bot_clicks) AS bot_clicks
         FROM ${LIVE_BUCKET_TABLES.breakdownDay}
        WHERE ad_id = $1 AND dimension = $2 AND bucket_start >= $3 AND bucket_start < $4
        GROUP BY value ORDER BY sum(clicks) DESC, value`,
      [
        args.adId,
        STORED_DIMENSION[args.dimension],
        new Date(Math.floor(range.from / day) * day),
        new Date(Math.ceil(range.to / day) * day),
      ],
    );
    return rows.map((row) => ({
      value: row.value,
      clicks: toCount(row.clicks),
      botClicks: toCount(row.bot_clicks),
    }));
  }
}
