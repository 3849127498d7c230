import { Inject, Injectable } from '@nestjs/common';
import { ApplicationError, DeclaredAccess } from '@app/runtime';
import { FastifyRequest } from 'fastify';
import { ApiKeyRateLimiter } from '../api-keys/api-key-rate-limiter';
import { Authenticator } from '../api-keys/authenticator';
import { NEEDS_ADMIN_KEY, NEEDS_API_KEY } from '../rules/refusals';

/**
 * HTTP routes: `Authorization: Bearer <api key>` on every route that is not @Public(), any
 * valid key unless it says @Access('admin'). 401/403 with a message otherwise, 429 for an
 * address that sent too many wrong keys or a key that sends too many requests. A public route
 * looks at no key at all: the click redirect is never limited.
 */
@Injectable()
export class HttpAccess {
  constructor(
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(ApiKeyRateLimiter) private readonly perKey: ApiKeyRateLimiter,
  ) {}

  async check(rule: DeclaredAccess | undefined, request: FastifyRequest): Promise<void> {
    if (rule === 'public') return;
    // request.ip is the client as TRUST_PROXY allows X-Forwarded-For to name it.
    const principal = await this.authenticator.authenticate(
      request.headers.authorization,
      request.ip,
    );
    if (!principal) throw new ApplicationError('unauthenticated', NEEDS_API_KEY);
    await this.perKey.consume(principal);
    if (rule === 'admin' && principal.kind !== 'admin')
      throw new ApplicationError('forbidden', NEEDS_ADMIN_KEY);
    request.principal = principal;
  }
}
