import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from './create-data-source';
import { DatabaseConnection } from './database-connection';
import { startEmbeddedPostgres } from './embedded/embedded-postgres';
import { createResilientPool } from './resilient-pool';
import { SchemaMigrator } from './schema-migrator';

const logger = new Logger('Database');

@Injectable()
class DatabaseLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(Pool) private readonly pool: Pool,
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(SchemaMigrator) private readonly migrator: SchemaMigrator,
    @Inject(DatabaseConnection) private readonly connection: DatabaseConnection,
  ) {}

  /** Runs after every feature's own shutdown hooks, so their last writes still have a database. */
  async onApplicationShutdown(): Promise<void> {
    this.migrator.stop();
    await this.pool.end();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    if (this.connection.embedded?.owned) {
      logger.log('stopping the embedded PostgreSQL');
      await this.connection.embedded.stop();
    }
  }
}

@Global()
@Module({
  providers: [
    {
      provide: DatabaseConnection,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<DatabaseConnection> => {
        const url = config.get('DATABASE_URL');
        if (url) return new DatabaseConnection(url);
        const embedded = await startEmbeddedPostgres({
          dataDir: config.get('DATA_DIR'),
          database: 'clickstream',
          log: (message) => logger.debug(message),
          notice: (message) => logger.warn(message),
        });
        logger.log(
          `embedded PostgreSQL ${embedded.owned ? 'started' : 'attached'} (data in ${config.get('DATA_DIR')}/postgres)`,
        );
        return new DatabaseConnection(embedded.url, embedded);
      },
    },
    {
      provide: DataSource,
      inject: [DatabaseConnection, AppConfig],
      useFactory: (connection: DatabaseConnection, config: AppConfig): DataSource =>
        createDataSource(connection.url, config.get('DATABASE_POOL_SIZE')),
    },
    {
      provide: SchemaMigrator,
      inject: [DataSource],
      useFactory: async (dataSource: DataSource): Promise<SchemaMigrator> => {
        const migrator = new SchemaMigrator(dataSource);
        await migrator.start();
        return migrator;
      },
    },
    {
      // A plain pg pool for the hot paths (event appends, bucket upserts) that TypeORM would
      // only slow down. Depends on the migrator so that, with the database up, it exists only
      // once migrations ran.
      provide: Pool,
      inject: [DatabaseConnection, AppConfig, SchemaMigrator],
      useFactory: (connection: DatabaseConnection, config: AppConfig): Pool =>
        createResilientPool({
          connectionString: connection.url,
          max: config.get('DATABASE_POOL_SIZE'),
        }),
    },
    DatabaseLifecycle,
  ],
  exports: [DatabaseConnection, DataSource, Pool],
})
export class DatabaseModule {}
