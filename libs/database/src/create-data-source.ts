import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CONNECT_TIMEOUT_MS } from './resilient-pool';
import { MIGRATIONS } from './migrations';

const logger = new Logger('Database');

export function createDataSource(url: string, poolSize: number): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    // The schema is owned by the checked-in migrations only.
    synchronize: false,
    logging: ['error'],
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    // An idle connection losing its server emits here; unhandled, it would end the process.
    poolErrorHandler: (error: Error) =>
      logger.warn(`migration connection failed: ${error.message}`),
    extra: { max: poolSize },
  });
}
