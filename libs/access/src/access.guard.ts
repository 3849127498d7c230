import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlContextType } from '@nestjs/graphql';
import { FastifyRequest } from 'fastify';
import { GraphqlAccess } from './graphql/graphql-access';
import { HttpAccess } from './http/http-access';
import { RpcAccess } from './rpc/rpc-access';
import { declaredAccess } from './rules/access-rule';

/**
 * The one guard in front of every HTTP route, GraphQL operation and RPC message pattern
 * (bootstrap applies it to each transport, as ACCESS_GUARD). It fails closed: what a handler
 * or its class does not declare @Public() needs an API key or a signed command credential.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(HttpAccess) private readonly http: HttpAccess,
    @Inject(GraphqlAccess) private readonly graphql: GraphqlAccess,
    @Inject(RpcAccess) private readonly rpc: RpcAccess,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = declaredAccess(this.reflector, context);
    const transport = context.getType<GqlContextType>();
    switch (transport) {
      case 'http':
        await this.http.check(rule, context.switchToHttp().getRequest<FastifyRequest>());
        return true;
      case 'graphql':
        await this.graphql.check(rule, context);
        return true;
      case 'rpc':
        this.rpc.check(rule, context);
        return true;
      case 'ws':
        // Nothing here serves WebSockets; whoever adds a gateway decides its rule here first.
        return false;
    }
  }
}
