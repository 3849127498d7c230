import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { Registry } from 'prom-client';
import { listenError } from '../startup-error';
import { METRICS_LISTEN, MetricsListen } from './metrics-listen';

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * `/metrics` on a port of its own (METRICS_PORT), so that an internet-facing tracker port serves
 * only what the public needs and the scrape port stays on the operator's network. A bare
 * node:http server: one route, no framework, nothing to configure, and a slow scrape cannot
 * take a slot of the app's bounded connection pool.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server?: Server;

  constructor(
    @Inject(Registry) private readonly registry: Registry,
    @Inject(METRICS_LISTEN) private readonly listen: MetricsListen,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /metrics\n');
        return;
      }
      this.registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': CONTENT_TYPE }).end(text),
        (error: unknown) => {
          this.logger.error(`metrics collection failed: ${String(error)}`);
          response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics failed\n');
        },
      );
    });
    server.requestTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(
          listenError(
            error,
            'METRICS_PORT',
            this.listen.host,
            this.listen.port,
            'METRICS_HOST (default: HOST)',
          ),
        ),
      );
      server.listen(this.listen.port, this.listen.host, () => {
        server.removeAllListeners('error');
        resolve();
      });
    });
    this.server = server;
    const { address, port } = server.address() as AddressInfo;
    this.logger.log(`metrics on http://${address}:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
