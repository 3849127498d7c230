import { Controller, Get, Header, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal } from '@app/access';
import { FastifyReply } from 'fastify';
import { ParseAnyCaseUuidPipe } from '@app/runtime';
import { ClickBreakdownType } from '../click-breakdown/click-breakdown.type';
import { GetClickBreakdownQuery } from '../click-breakdown/get-click-breakdown.query';
import { ExportBreakdownParams } from './export-breakdown.params';
import { ExportFormat, exportFile } from './export-format';

interface BreakdownRow extends Record<string, string | number> {
  readonly value: string;
  readonly clicks: number;
  readonly bot_clicks: number;
  readonly invalid_clicks: number;
}

// invalid_clicks last: a reader of the earlier columns by position reads them as before.
const BREAKDOWN_COLUMNS = ['value', 'clicks', 'bot_clicks', 'invalid_clicks'] as const;

/**
 * A breakdown as a file: the `clickBreakdown` query itself, one row per value, most clicked
 * first. The range it covers (rounded outwards to minutes) is in the X-Range-From and
 * X-Range-To headers, as the GraphQL answer has it in `from` and `to`.
 */
@Controller('v1/ads')
export class ExportBreakdownHttpController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get(':adId/breakdown.csv')
  @Header('Cache-Control', 'no-store')
  csv(
    @CurrentPrincipal() principal: Principal,
    @Param('adId', new ParseAnyCaseUuidPipe()) adId: string,
    @Query() params: ExportBreakdownParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.breakdown('csv', principal, adId, params, reply);
  }

  @Get(':adId/breakdown.ndjson')
  @Header('Cache-Control', 'no-store')
  ndjson(
    @CurrentPrincipal() principal: Principal,
    @Param('adId', new ParseAnyCaseUuidPipe()) adId: string,
    @Query() params: ExportBreakdownParams,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return this.breakdown('ndjson', principal, adId, params, reply);
  }

  private async breakdown(
    format: ExportFormat,
    principal: Principal,
    adId: string,
    params: ExportBreakdownParams,
    reply: FastifyReply,
  ): Promise<StreamableFile> {
    const breakdown: ClickBreakdownType = await this.queries.execute(
      new GetClickBreakdownQuery(principal, { adId, ...params }),
    );
    const rows = breakdown.entries.map((entry): BreakdownRow => ({
      value: entry.value,
      clicks: entry.clicks,
      bot_clicks: entry.botClicks,
      invalid_clicks: entry.invalidClicks,
    }));
    const name = `breakdown-${adId}-${breakdown.dimension.toLowerCase()}`;
    void reply
      .header('X-Range-From', breakdown.from.toISOString())
      .header('X-Range-To', breakdown.to.toISOString());
    return exportFile(format, BREAKDOWN_COLUMNS, rows, name);
  }
}
