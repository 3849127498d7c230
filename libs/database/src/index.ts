export { createDataSource } from './create-data-source';
export { DatabaseConnection } from './database-connection';
export { DatabaseModule } from './database.module';
export {
  EmbeddedPostgresHandle,
  freePort,
  startEmbeddedPostgres,
} from './embedded/embedded-postgres';
export { MIGRATIONS } from './migrations';
export { runMigrations } from './run-migrations';
export { createResilientPool } from './resilient-pool';
export { isConnectionError } from './connection-errors';
export {
  formatIdentity,
  identityOf,
  isRunning,
  parseIdentity,
  ProcessIdentity,
} from './process/process-identity';
