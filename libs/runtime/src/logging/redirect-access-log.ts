import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/config';
import { FastifyReply, FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import { CORRELATION_FIELD } from './log-options';

/**
 * The redirect's access line, for the share of clicks ACCESS_LOG_REDIRECT_SAMPLE asks for (none
 * by default: at thousands of clicks a second a line each would cost more than the click, and
 * the clicks themselves are in the event log). Same fields as every other access line.
 */
@Injectable()
export class RedirectAccessLog {
  private readonly share: number;

  constructor(
    @Inject(AppConfig) config: AppConfig,
    @Inject(PinoLogger) private readonly logger: PinoLogger,
  ) {
    this.share = config.get('ACCESS_LOG') === 'on' ? config.get('ACCESS_LOG_REDIRECT_SAMPLE') : 0;
  }

  /** `startedNs`: process.hrtime.bigint() when the request came in. */
  record(request: FastifyRequest, reply: FastifyReply, startedNs: bigint, outcome: string): void {
    if (this.share === 0 || Math.random() >= this.share) return;
    const status = reply.statusCode;
    this.logger.info(
      {
        [CORRELATION_FIELD]: request.id,
        // The route, not the URL: a token not yet clicked is a click anyone reading logs could make.
        req: { method: request.method, url: '/c/:token' },
        res: { statusCode: status },
        responseTimeMs: Number(process.hrtime.bigint() - startedNs) / 1e6,
        outcome,
      },
      `${request.method} /c/:token ${status}`,
    );
  }
}
