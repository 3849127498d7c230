import { Readable } from 'node:stream';
import fastify, { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import pino from 'pino';
import { useRequestLogging } from './request-logging';

type Line = Record<string, unknown> & { level: number; msg: string };

/** A body that arrives well after the headers, in two parts, as over a slow connection. */
function slowBody(text: string): Readable {
  const half = Math.floor(text.length / 2);
  const parts = [text.slice(0, half), text.slice(half)];
  return new Readable({
    read() {
      setTimeout(() => this.push(parts.shift() ?? null), 20);
    },
  });
}

describe('request logging', () => {
  let server: FastifyInstance;
  let lines: Line[];

  beforeEach(async () => {
    lines = [];
    const root = pino({ level: 'debug' }, { write: (s: string) => lines.push(JSON.parse(s)) });
    // What the app's Nest loggers are: a PinoLogger, reading the request's context.
    const appLogger = new PinoLogger({ pinoHttp: { logger: root } });
    server = fastify({ genReqId: (req) => String(req.headers['x-correlation-id']) });
    useRequestLogging(server, root, { accessLog: true });
    server.post('/work', async () => {
      appLogger.warn('caused by the request');
      return { ok: true };
    });
    server.get('/healthz', async () => 'ok');
    server.get('/fail', async (_req, reply) => reply.code(503).send('down'));
    server.get('/c/:token', { config: { ownAccessLog: true } }, async (_req, reply) => {
      appLogger.info('redirect');
      return reply.code(302).header('location', 'https://shop.example/').send();
    });
    await server.ready();
  });
  afterEach(() => server.close());

  it('puts the correlation id on the lines a request causes, its body arriving late', async () => {
    const response = await server.inject({
      method: 'POST',
      url: '/work?api_key=cs_secret',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'slow-1' },
      payload: slowBody(JSON.stringify({ some: 'body' })),
    });
    expect(response.statusCode).toBe(200);
    expect(lines.find((l) => l.msg === 'caused by the request')).toMatchObject({
      correlationId: 'slow-1',
    });
    expect(lines.find((l) => l.req !== undefined)).toMatchObject({
      level: 30,
      correlationId: 'slow-1',
      req: { method: 'POST', url: '/work?api_key=%5Bredacted%5D' },
      res: { statusCode: 200 },
      responseTimeMs: expect.any(Number),
      msg: 'POST /work 200',
    });
  });

  it('writes probes at debug, 5xx at error, and a route not found like any other', async () => {
    await server.inject({ url: '/healthz', headers: { 'x-correlation-id': 'probe' } });
    await server.inject({ url: '/fail', headers: { 'x-correlation-id': 'fail' } });
    await server.inject({ url: '//c/some-token', headers: { 'x-correlation-id': 'lost' } });
    expect(lines.map((l) => [l.correlationId, l.level, l.msg])).toEqual([
      ['probe', 20, 'GET /healthz 200'],
      ['fail', 50, 'GET /fail 503'],
      ['lost', 30, 'GET /c/:token 404'],
    ]);
  });

  it('leaves a route that keeps its own access log alone, HEAD included', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const response = await server.inject({
        method,
        url: '/c/some-token',
        headers: { 'x-correlation-id': 'click' },
      });
      expect(response.statusCode).toBe(302);
    }
    expect(lines.map((l) => l.msg)).toEqual(['redirect', 'redirect']);
    expect(lines.some((l) => 'correlationId' in l)).toBe(false);
  });
});
