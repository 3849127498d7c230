import { Logger } from '@nestjs/common';
import { Pool, PoolConfig } from 'pg';

/** How long opening a connection may take: a stalled server must not hold callers forever. */
export const CONNECT_TIMEOUT_MS = 5_000;

const logger = new Logger('Database');

/**
 * A pg pool that survives its server stopping, restarting or stalling. node-postgres emits
 * 'error' on a client whose connection breaks; the pool listens only while the client is idle,
 * so a client checked out at that moment (a projection batch, a long-held lock) would throw an
 * unhandled 'error' and end the process. Every client gets its own listener for its whole life;
 * the query in flight still fails, and its caller retries.
 */
export function createResilientPool(config: PoolConfig): Pool {
  const pool = new Pool({
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
    ...config,
  });
  pool.on('error', (error) => logger.warn(`idle database connection failed: ${error.message}`));
  pool.on('connect', (client) => {
    client.on('error', (error) => logger.warn(`database connection failed: ${error.message}`));
  });
  return pool;
}
