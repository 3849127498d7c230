import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlContextType, GqlExecutionContext } from '@nestjs/graphql';
import { FastifyRequest } from 'fastify';
import { Principal } from './principal';

/** The caller, as set by ApiKeyGuard (HTTP) or GraphqlAccessGuard (GraphQL). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const request =
      context.getType<GqlContextType>() === 'graphql'
        ? GqlExecutionContext.create(context).getContext<{ req: FastifyRequest }>().req
        : context.switchToHttp().getRequest<FastifyRequest>();
    if (!request.principal) throw new Error('CurrentPrincipal used where no API-key guard has run');
    return request.principal;
  },
);
