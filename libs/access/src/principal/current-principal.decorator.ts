import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { FastifyRequest } from 'fastify';
import { Principal } from './principal';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who the access guard admitted; never set on a public route. */
    principal?: Principal;
  }
}

/** The caller, as the access guard admitted it (HTTP or GraphQL). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const request =
      context.getType<GqlContextType>() === 'graphql'
        ? GqlExecutionContext.create(context).getContext<{ req: FastifyRequest }>().req
        : context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.principal)
      throw new Error('CurrentPrincipal used on a public route, where nobody is admitted');
    return request.principal;
  },
);
