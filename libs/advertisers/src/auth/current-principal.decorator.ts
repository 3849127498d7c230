import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { Principal } from './principal';

/** The caller, as set by ApiKeyGuard (which must guard the route). */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
    if (!principal)
      throw new Error('CurrentPrincipal used on a route that ApiKeyGuard does not guard');
    return principal;
  },
);
