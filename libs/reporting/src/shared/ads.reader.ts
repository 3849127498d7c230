import { Inject, Injectable } from '@nestjs/common';
import { mayAccess, Principal } from '@app/advertisers';
import { AdView } from '@app/contracts';
import { AD_CATALOG_TABLE } from '@app/read-models';
import { Pool } from 'pg';
import { ReportingError, ReportingErrorCode } from '../reporting.error';

interface CatalogRow {
  ad_id: string;
  advertiser_id: string;
  name: string;
  target_url: string;
  paused: boolean;
}

const COLUMNS = 'ad_id, advertiser_id, name, target_url, paused';

function toView(row: CatalogRow): AdView {
  return {
    id: row.ad_id,
    advertiserId: row.advertiser_id,
    name: row.name,
    targetUrl: row.target_url,
    paused: row.paused,
  };
}

/**
 * The ad catalog read model (table ad_catalog), seen through the caller's eyes: an advertiser's own ads, or all of
 * them for the operator. An ad the caller may not see is reported exactly like one that does
 * not exist, so ids cannot be probed.
 */
@Injectable()
export class AdsReader {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  async list(principal: Principal, limit: number, offset: number): Promise<AdView[]> {
    const { rows } =
      principal.kind === 'admin'
        ? await this.pool.query<CatalogRow>(
            `SELECT ${COLUMNS} FROM ${AD_CATALOG_TABLE} ORDER BY registered_at, ad_id LIMIT $1 OFFSET $2`,
            [limit, offset],
          )
        : await this.pool.query<CatalogRow>(
            `SELECT ${COLUMNS} FROM ${AD_CATALOG_TABLE} WHERE advertiser_id = $3
             ORDER BY registered_at, ad_id LIMIT $1 OFFSET $2`,
            [limit, offset, principal.advertiserId],
          );
    return rows.map(toView);
  }

  /** The ads, in the order asked; AD_NOT_FOUND for the first one the caller cannot see. */
  async requireVisible(principal: Principal, adIds: readonly string[]): Promise<AdView[]> {
    const { rows } = await this.pool.query<CatalogRow>(
      `SELECT ${COLUMNS} FROM ${AD_CATALOG_TABLE} WHERE ad_id = ANY($1::uuid[])`,
      [adIds],
    );
    const byId = new Map(rows.map((row) => [row.ad_id, row]));
    return adIds.map((adId) => {
      const row = byId.get(adId.toLowerCase());
      if (!row || !mayAccess(principal, row.advertiser_id))
        throw new ReportingError(ReportingErrorCode.AdNotFound, `no ad ${adId}`);
      return toView(row);
    });
  }

  /** Ads by id among those the caller may see (the rest are left out, not reported). */
  async visibleByIds(principal: Principal, adIds: readonly string[]): Promise<AdView[]> {
    const { rows } = await this.pool.query<CatalogRow>(
      `SELECT ${COLUMNS} FROM ${AD_CATALOG_TABLE} WHERE ad_id = ANY($1::uuid[])`,
      [adIds],
    );
    return rows.filter((row) => mayAccess(principal, row.advertiser_id)).map(toView);
  }
}
