import { Inject, Injectable } from '@nestjs/common';
import { ApiKeyLookup } from '@app/access';
import { Pool } from 'pg';

export interface AdvertiserRow {
  readonly advertiserId: string;
  readonly name: string;
  readonly createdAt: Date;
}

/** The one owner of the advertisers table's SQL, API key hashes included (see ApiKeyLookup). */
@Injectable()
export class AdvertisersRepository implements ApiKeyLookup {
  constructor(@Inject(Pool) private readonly pool: Pool) {}

  async insert(advertiserId: string, name: string, apiKeyHash: Buffer): Promise<AdvertiserRow> {
    const { rows } = await this.pool.query<{ created_at: Date }>(
      'INSERT INTO advertisers (advertiser_id, name, api_key_hash) VALUES ($1, $2, $3) RETURNING created_at',
      [advertiserId, name, apiKeyHash],
    );
    return { advertiserId, name, createdAt: rows[0].created_at };
  }

  async findIdByKeyHash(apiKeyHash: Buffer): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ advertiser_id: string }>(
      'SELECT advertiser_id FROM advertisers WHERE api_key_hash = $1',
      [apiKeyHash],
    );
    return rows[0]?.advertiser_id;
  }

  async find(advertiserId: string): Promise<AdvertiserRow | undefined> {
    const { rows } = await this.pool.query<{ name: string; created_at: Date }>(
      'SELECT name, created_at FROM advertisers WHERE advertiser_id = $1',
      [advertiserId],
    );
    return rows[0] && { advertiserId, name: rows[0].name, createdAt: rows[0].created_at };
  }

  async exists(advertiserId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'SELECT 1 FROM advertisers WHERE advertiser_id = $1',
      [advertiserId],
    );
    return (rowCount ?? 0) > 0;
  }
}
