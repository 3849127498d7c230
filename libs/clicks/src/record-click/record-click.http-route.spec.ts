import { HttpAdapterHost } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { RedirectAccessLog } from '@app/runtime';
import fastify, { FastifyInstance } from 'fastify';
import { ClickMetrics } from '../click-metrics';
import { ClickOutcome } from './record-click.command';
import { RecordClickHttpRoute } from './record-click.http-route';

describe('RecordClickHttpRoute', () => {
  let app: FastifyInstance;
  let warnings: string[];

  beforeEach(async () => {
    warnings = [];
    // Fastify's own logger is off in the product, so what it warns about is only seen here.
    app = fastify({
      logger: { level: 'warn', stream: { write: (line: string) => warnings.push(line) } },
    });
    const outcome: ClickOutcome = {
      kind: 'not-recorded',
      reason: 'head',
      location: 'https://shop.example/landing',
    };
    const route = new RecordClickHttpRoute(
      { httpAdapter: { getInstance: () => app } } as unknown as HttpAdapterHost,
      { execute: () => Promise.resolve(outcome) } as unknown as CommandBus,
      { redirectSeconds: { observe: () => undefined } } as unknown as ClickMetrics,
      { record: () => undefined } as unknown as RedirectAccessLog,
    );
    route.onModuleInit();
    await app.ready();
  });
  afterEach(() => app.close());

  it('answers each click once', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await app.inject({ method, url: '/c/any-token' });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('https://shop.example/landing');
    }
    // A handler that resolves to a value has Fastify send it again after the answer.
    expect(warnings).toEqual([]);
  });
});
