import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { RedirectAccessLog } from '@app/runtime';
import { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ClickMetrics } from '../click-metrics';
import { clickRequest, sendOutcome, sendUnavailable } from './click-reply';
import { ClickOutcome, RecordClickCommand } from './record-click.command';

export const REDIRECT_ROUTE = '/c/:token';

/**
 * GET (and HEAD, which Fastify derives from GET) /c/:token: the redirect. Answers are short
 * plain-text pages, never JSON.
 *
 * A plain Fastify route rather than a Nest controller: the redirect is the product's hot path,
 * and Nest's per-request pipeline (its router callback, guard, pipes, interceptors and
 * exception filters, each a promise of its own) cost more main-thread time per click than the
 * click's own work (issue 16). None of it has anything to do here: the route is public by
 * design (the person clicking has no key; the signed token is all the proof there is), it
 * takes no body, and every answer is built by sendOutcome. Bypassing the global access guard
 * concerns this route alone: every other route is still a Nest route behind it, and the access
 * walk (test/e2e/access-walk.spec.ts) still finds exactly GET and HEAD /c/:token open here.
 * Fastify's own onRequest hooks still run, so the correlation id header is set as on any route.
 */
@Injectable()
export class RecordClickHttpRoute implements OnModuleInit {
  private readonly logger = new Logger(RecordClickHttpRoute.name);

  constructor(
    @Inject(HttpAdapterHost) private readonly http: HttpAdapterHost,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(ClickMetrics) private readonly metrics: ClickMetrics,
    @Inject(RedirectAccessLog) private readonly accessLog: RedirectAccessLog,
  ) {}

  /** Nest registers its controllers' routes before this hook, and the app listens after it. */
  onModuleInit(): void {
    const adapter = this.http.httpAdapter;
    // An application context (no HTTP server) has nothing to serve the redirect on.
    if (!adapter) return;
    const fastify = adapter.getInstance<FastifyInstance>();
    fastify.get<{ Params: { token: string } }>(REDIRECT_ROUTE, (req, reply) =>
      this.click(req, reply),
    );
  }

  private async click(
    req: FastifyRequest<{ Params: { token: string } }>,
    reply: FastifyReply,
  ): Promise<void> {
    const started = process.hrtime.bigint();
    let outcome: ClickOutcome;
    try {
      // Through the command bus, as every write of the product: the handler is the use case.
      outcome = await this.commands.execute(
        new RecordClickCommand(clickRequest(req.params.token, req)),
      );
    } catch (error) {
      // The handler answers every expected failure itself; this is a bug, still a plain page.
      this.logger.error(
        { correlationId: req.id, err: error },
        `redirect failed: ${(error as Error).message}`,
      );
      sendUnavailable(reply);
      this.accessLog.record(req, reply, started, 'failed');
      return;
    }
    sendOutcome(outcome, reply);
    this.accessLog.record(req, reply, started, outcome.kind);
    this.metrics.redirectSeconds.observe(
      { outcome: outcome.kind },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
  }
}
