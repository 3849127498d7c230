import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Pool } from 'pg';
import { DurableClickController, MAKE_ROW } from './durable-click.controller';
import { GroupCommit } from './group-commit';
import { insertSql, rowMaker, RowSpec } from './row-spec';

// Yardsticks (c) and (c′), started by the redirect bench (bench/lib/bench-app.ts), never by the
// product: NestJS on Fastify (as (b)) plus a group-committed INSERT of one row per click into
// a table of the bench's own, described by DURABLE_CLICK_ROW: (c) a small row, (c′) the
// product's own ClickRecorded row into a copy of its events table.
async function main(): Promise<void> {
  const spec = JSON.parse(process.env.DURABLE_CLICK_ROW ?? '') as RowSpec;
  // Two connections: one per batch in flight. Durability is stated, not inherited.
  const pool = new Pool({
    connectionString: process.env.DATABASE_URL,
    max: 2,
    options: '-c synchronous_commit=on',
  });
  @Module({
    controllers: [DurableClickController],
    providers: [
      { provide: GroupCommit, useValue: new GroupCommit(pool, insertSql(spec), 2) },
      { provide: MAKE_ROW, useValue: rowMaker(spec) },
    ],
  })
  class DurableClickModule {}

  const app = await NestFactory.create<NestFastifyApplication>(
    DurableClickModule,
    new FastifyAdapter({ routerOptions: { maxParamLength: 1024 } }),
    { logger: ['error'] },
  );
  await app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.once(signal, () => {
      void app
        .close()
        .then(() => pool.end())
        .finally(() => process.exit(0));
    });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
