import { SetMetadata } from '@nestjs/common';

/**
 * Who may call a route, a GraphQL operation or an RPC message pattern, as declared on it. The
 * key lives in the platform because the platform's own routes (health, metrics, the dashboard)
 * must declare themselves public, and the platform cannot import @app/access; that lib reads
 * the key and sets the other rules.
 */
export type DeclaredAccess = 'public' | 'authenticated' | 'admin';

export const ACCESS_RULE = 'clickstream:access-rule';

/**
 * Anyone may call this, with no API key or command credential. Nothing else is open: an HTTP
 * route without a rule needs a key, a GraphQL operation without one is refused, and an RPC
 * message pattern needs a signed credential.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_RULE, 'public' satisfies DeclaredAccess);
