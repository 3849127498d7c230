import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { RedirectAccessLog } from '@app/runtime';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { tracer, tracingEnabled } from '@app/tracing';
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
    // Chosen once: with tracing off the route is exactly the untraced one. Either resolves to
    // nothing: Fastify sends whatever an async handler resolves to, and sending the outcome
    // after the answer costs an error object (FST_ERR_REP_ALREADY_SENT, with its stack) a click.
    fastify.get<{ Params: { token: string } }>(
      REDIRECT_ROUTE,
      // No per-request log context or access line: the route writes its own, sampled.
      { config: { ownAccessLog: true } },
      tracingEnabled()
        ? (req, reply) => this.tracedClick(req, reply)
        : async (req, reply) => {
            await this.click(req, reply);
          },
    );
  }

  /**
   * The click's trace starts here: the handler's append (and its group commit) are children
   * and links of this span, and the event carries its id to the projection. A new trace
   * always: this is a public endpoint, and a traceparent header arriving from the internet
   * would only let anyone attach our spans to a trace of their choosing. No token, address or
   * user agent on the span: the token is a credential of sorts, the others personal data.
   */
  private tracedClick(
    req: FastifyRequest<{ Params: { token: string } }>,
    reply: FastifyReply,
  ): Promise<void> {
    return tracer.startActiveSpan(
      `${req.method} ${REDIRECT_ROUTE}`,
      {
        kind: SpanKind.SERVER,
        root: true,
        attributes: { 'http.request.method': req.method, 'http.route': REDIRECT_ROUTE },
      },
      async (span) => {
        try {
          const outcome = await this.click(req, reply);
          if (outcome) {
            span.setAttribute('clickstream.click.outcome', outcome.kind);
            if (outcome.kind === 'rejected' || outcome.kind === 'not-recorded')
              span.setAttribute('clickstream.click.reason', outcome.reason);
          }
        } finally {
          span.setAttribute('http.response.status_code', reply.statusCode);
          if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        }
      },
    );
  }

  /** Answers the click; resolves to its outcome, or undefined if the handler failed. */
  private async click(
    req: FastifyRequest<{ Params: { token: string } }>,
    reply: FastifyReply,
  ): Promise<ClickOutcome | undefined> {
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
      return undefined;
    }
    sendOutcome(outcome, reply);
    this.accessLog.record(req, reply, started, outcome.kind);
    this.metrics.redirectSeconds.observe(
      { outcome: outcome.kind },
      Number(process.hrtime.bigint() - started) / 1e9,
    );
    return outcome;
  }
}
