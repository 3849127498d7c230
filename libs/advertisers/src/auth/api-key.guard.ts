import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApplicationError } from '@app/runtime';
import { FastifyRequest } from 'fastify';
import { ApiKeyRateLimiter } from './api-key-rate-limiter';
import { Authenticator } from './authenticator';
import { Principal } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const ADMIN_ONLY = 'clickstream:admin-only';
/** Marks a handler as operator-only. */
export const AdminOnly = (): MethodDecorator & ClassDecorator => SetMetadata(ADMIN_ONLY, true);

/**
 * `Authorization: Bearer <api key>` on every route it guards; 401/403 with a message otherwise,
 * 429 for an address that sent too many wrong keys or a key that sends too many requests.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeyRateLimiter) private readonly perKey: ApiKeyRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // request.ip is the client as TRUST_PROXY allows X-Forwarded-For to name it.
    const principal = await this.authenticator.authenticate(
      request.headers.authorization,
      request.ip,
    );
    if (!principal)
      throw new ApplicationError(
        'unauthenticated',
        'send a valid API key as "Authorization: Bearer <key>"',
      );
    await this.perKey.consume(principal);
    const adminOnly = this.reflector.getAllAndOverride<boolean>(ADMIN_ONLY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (adminOnly && principal.kind !== 'admin')
      throw new ApplicationError('forbidden', 'this operation needs the admin API key');
    request.principal = principal;
    return true;
  }
}
