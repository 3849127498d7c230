import { ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ApplicationError, DeclaredAccess } from '@app/runtime';
import { FastifyRequest } from 'fastify';
import { ApiKeyRateLimiter } from '../api-keys/api-key-rate-limiter';
import { Authenticator } from '../api-keys/authenticator';
import { Principal } from '../principal/principal';
import { NEEDS_ADMIN_KEY, NEEDS_API_KEY } from '../rules/refusals';

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
 * GraphQL queries and mutations. Stricter than HTTP: every operation must declare its rule
 * (@Access or @Public), and one that declares none is refused, so the schema-walking tests
 * can tell a forgotten rule from a deliberate one.
 */
@Injectable()
export class GraphqlAccess {
  constructor(
    @Inject(Authenticator) private readonly authenticator: Authenticator,
    @Inject(ApiKeyRateLimiter) private readonly perKey: ApiKeyRateLimiter,
  ) {}

  async check(rule: DeclaredAccess | undefined, context: ExecutionContext): Promise<void> {
    const gql = GqlExecutionContext.create(context);
    if (!rule)
      throw new ApplicationError(
        'forbidden',
        `${gql.getInfo<{ fieldName: string }>().fieldName} declares no access rule`,
      );
    if (rule === 'public') return;
    const ctx = gql.getContext<GraphqlAuthContext>();
    ctx.principal ??= this.admit(ctx.req);
    const principal = await ctx.principal;
    if (!principal) throw new ApplicationError('unauthenticated', NEEDS_API_KEY);
    if (rule === 'admin' && principal.kind !== 'admin')
      throw new ApplicationError('forbidden', NEEDS_ADMIN_KEY);
    ctx.req.principal = principal;
  }

  private async admit(req: FastifyRequest): Promise<Principal | undefined> {
    const principal = await this.authenticator.authenticate(req.headers.authorization, req.ip);
    if (principal) await this.perKey.consume(principal);
    return principal;
  }
}
