import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCESS_RULE, DeclaredAccess } from '@app/runtime';

/** Who may call what is not public: only the operator (admin key), or any valid API key. */
export type AccessRule = Exclude<DeclaredAccess, 'public'>;

/**
 * Declares who may call a route, query or mutation. GraphQL operations must each declare one
 * (the guard refuses one that does not); an HTTP route without one needs any valid key.
 */
export const Access = (rule: AccessRule): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, rule);

/** The rule on the handler, else on its class (so a method can open or close one route). */
export function declaredAccess(
  reflector: Reflector,
  context: ExecutionContext,
): DeclaredAccess | undefined {
  return reflector.getAllAndOverride<DeclaredAccess | undefined>(ACCESS_RULE, [
    context.getHandler(),
    context.getClass(),
  ]);
}
