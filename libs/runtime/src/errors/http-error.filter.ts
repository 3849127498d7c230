import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { isConnectionError } from '@app/database';
import { FastifyReply } from 'fastify';
import { ApplicationError, ErrorKind } from './application-error';
import { RateLimitError } from './rate-limit.error';

export const DATABASE_UNAVAILABLE = 'the database is not answering just now; try again shortly';

export function statusFor(kind: ErrorKind): HttpStatus {
  switch (kind) {
    case 'bad-input':
      return HttpStatus.BAD_REQUEST;
    case 'unauthenticated':
      return HttpStatus.UNAUTHORIZED;
    case 'forbidden':
      return HttpStatus.FORBIDDEN;
    case 'not-found':
      return HttpStatus.NOT_FOUND;
    case 'conflict':
      return HttpStatus.CONFLICT;
    case 'rate-limited':
      return HttpStatus.TOO_MANY_REQUESTS;
    case 'unavailable':
      return HttpStatus.SERVICE_UNAVAILABLE;
  }
}

/**
 * JSON APIs answer `{ error, code?, message, details? }`. Unexpected errors are logged with their
 * stack and answered as a bare 500: no internals reach the client.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(error: unknown, host: ArgumentsHost): unknown {
    // GraphQL resolvers: hand the error back to Apollo, whose formatter maps it to a code.
    if (host.getType() !== 'http') return error;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof ApplicationError) {
      if (error instanceof RateLimitError)
        void reply.header('retry-after', String(error.retryAfterSeconds));
      void reply.status(statusFor(error.kind)).send({
        error: error.kind,
        code: error.code,
        message: error.message,
        details: error.details,
      });
      return;
    }
    if (error instanceof HttpException) {
      const body = error.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const details = Array.isArray(message) ? (message as string[]) : undefined;
      void reply.status(error.getStatus()).send({
        error: HttpStatus[error.getStatus()]?.toLowerCase().replace(/_/g, '-') ?? 'error',
        message: details ? 'invalid request' : String(message ?? error.message),
        details,
      });
      return;
    }
    if (isConnectionError(error)) {
      // The database is down or stalled: the caller should retry, not report a bug.
      void reply
        .status(HttpStatus.SERVICE_UNAVAILABLE)
        .header('Retry-After', '5')
        .send({ error: 'unavailable', message: DATABASE_UNAVAILABLE });
      return;
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    void reply
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .send({ error: 'internal', message: 'internal error' });
  }
}
