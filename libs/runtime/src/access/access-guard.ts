import { CanActivate, INestApplicationContext } from '@nestjs/common';

/**
 * The one guard every HTTP route, GraphQL operation and RPC message passes; AccessModule
 * (@app/access) provides it. A token rather than the class, because the platform that applies
 * the guard cannot import the lib that implements it.
 */
export const ACCESS_GUARD = Symbol('ACCESS_GUARD');

/**
 * The root module's access guard. An app whose root module forgot AccessModule does not start:
 * without the guard every route would be open, which is the one failure that must be loud.
 */
export function accessGuard(app: INestApplicationContext): CanActivate {
  try {
    return app.get<CanActivate>(ACCESS_GUARD);
  } catch {
    throw new Error(
      'no access guard: the root module must import AccessModule (@app/access); ' +
        'refusing to start with every route open',
    );
  }
}
