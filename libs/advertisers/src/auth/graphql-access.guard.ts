import { CanActivate, ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { ApplicationError } from '@app/runtime';
import { FastifyRequest } from 'fastify';
import { ApiKeyRateLimiter } from './api-key-rate-limiter';
import { Authenticator } from './authenticator';
import { Principal } from './principal';

/** Who may call a GraphQL query or mutation: only the operator, or any valid API key. */
export type AccessRule = 'admin' | 'authenticated';

const ACCESS = 'clickstream:graphql-access';

/**
 * Every GraphQL query and mutation must say who may call it. There is no default: the guard
 * refuses a resolver without a rule, and the schema-walking test calls every root field.
 */
export const Access = (rule: AccessRule): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS, rule);

/** What the GraphQL context holds for the guard (the Apollo driver puts the request in `req`). */
interface GraphqlAuthContext {
  readonly req: FastifyRequest;
  /**
   * One authentication (and one request counted against the key's rate) per request, however
   * many root fields it asks for.
   */
  principal?: Promise<Principal | undefined>;
}

/**
 * Global guard for GraphQL resolvers (HTTP controllers carry their own ApiKeyGuard). It fails
 * closed: no `@Access` rule, no access.
 */
@Injectable()
export class GraphqlAccessGuard implements CanActivate {
  constructor(
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeyRateLimiter) private readonly perKey: ApiKeyRateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<GqlContextType>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule)
      throw new ApplicationError(
        'forbidden',
        `${gql.getInfo<{ fieldName: string }>().fieldName} declares no access rule`,
      );
    const ctx = gql.getContext<GraphqlAuthContext>();
    ctx.principal ??= this.admit(ctx.req);
    const principal = await ctx.principal;
    if (!principal)
      throw new ApplicationError(
        'unauthenticated',
        'send a valid API key as "Authorization: Bearer <key>"',
      );
    if (rule === 'admin' && principal.kind !== 'admin')
      throw new ApplicationError('forbidden', 'this operation needs the admin API key');
    ctx.req.principal = principal;
    return true;
  }

  private async admit(req: FastifyRequest): Promise<Principal | undefined> {
    const principal = await this.authenticator.authenticate(req.headers.authorization, req.ip);
    if (principal) await this.perKey.consume(principal);
    return principal;
  }
}
