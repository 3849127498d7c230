import Fastify from 'fastify';

// Yardstick (a), started by the redirect bench (bench/lib/bench-app.ts), never by the product:
// plain Fastify answering every click with a 302, nothing else. The ceiling of any Fastify
// server on this machine under the same load generator.
const LANDING = 'https://shop.example/landing';
const app = Fastify({ logger: false, routerOptions: { maxParamLength: 1024 } });
app.get('/c/:token', (_request, reply) => {
  void reply.header('cache-control', 'no-store').redirect(LANDING, 302);
});
app.get('/healthz', () => ({ status: 'ok' }));
app
  .listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' })
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => void app.close().then(() => process.exit(0)));
