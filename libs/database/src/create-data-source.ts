import { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

export function createDataSource(url: string, poolSize: number): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // The schema is owned by the checked-in migrations only.
    synchronize: false,
    logging: ['error'],
    extra: { max: poolSize },
  });
}
