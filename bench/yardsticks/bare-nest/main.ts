import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { RedirectController } from './redirect.controller';

@Module({ controllers: [RedirectController] })
class BareNestModule {}

// Yardstick (b), started by the redirect bench (bench/lib/bench-app.ts), never by the product:
// NestJS on Fastify with default options and one controller answering 302. What Nest's
// per-request machinery costs on top of (a), before any work of the product.
async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(
    BareNestModule,
    new FastifyAdapter({ routerOptions: { maxParamLength: 1024 } }),
    { logger: ['error'] },
  );
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
