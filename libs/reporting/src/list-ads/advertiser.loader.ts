import { Inject, Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { Pool } from 'pg';

export interface AdvertiserRef {
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
}

/**
 * The advertiser of each ad in a list, for the operator who sees everyone's ads. One loader per
 * GraphQL request, as for totals: a page of 200 ads costs one query.
 */
@Injectable()
export class AdvertiserLoader {
  private readonly loaders = new WeakMap<object, DataLoader<string, AdvertiserRef | null>>();

  constructor(@Inject(Pool) private readonly pool: Pool) {}

  load(requestContext: object, advertiserId: string): Promise<AdvertiserRef | null> {
    let loader = this.loaders.get(requestContext);
    if (!loader) {
      loader = new DataLoader((ids) => this.advertisers(ids));
      this.loaders.set(requestContext, loader);
    }
    return loader.load(advertiserId);
  }

  private async advertisers(ids: readonly string[]): Promise<(AdvertiserRef | null)[]> {
    const { rows } = await this.pool.query<{ id: string; name: string; created_at: Date }>(
      `SELECT advertiser_id::text AS id, name, created_at
         FROM advertisers WHERE advertiser_id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(
      rows.map((r) => [r.id, { id: r.id, name: r.name, createdAt: r.created_at }]),
    );
    return ids.map((id) => byId.get(id) ?? null);
  }
}
