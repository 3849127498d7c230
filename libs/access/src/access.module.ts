import { DynamicModule, Module, Type } from '@nestjs/common';
import { ACCESS_GUARD } from '@app/runtime';
import { AccessGuard } from './access.guard';
import { ApiKeyRateLimiter } from './api-keys/api-key-rate-limiter';
import { AuthFailureLimiter } from './api-keys/auth-failure-limiter';
import { Authenticator } from './api-keys/authenticator';
import { GraphqlAccess } from './graphql/graphql-access';
import { HttpAccess } from './http/http-access';
import { RpcAccess } from './rpc/rpc-access';

export interface AccessOptions {
  /** A module that provides and exports API_KEY_LOOKUP (the advertisers lib's). */
  readonly apiKeys: Type | DynamicModule;
}

/**
 * Authentication and authorization for a whole process: import it once, in every app's root
 * module (bootstrap refuses to start without it). Feature modules need not import anything
 * to be guarded; they use the decorators (@Access, @Public, @CurrentPrincipal, @SignedPart).
 * Its limiters are in memory, so there is one of each per process, as there must be.
 */
@Module({})
export class AccessModule {
  static forRoot({ apiKeys }: AccessOptions): DynamicModule {
    return {
      module: AccessModule,
      imports: [apiKeys],
      providers: [
        Authenticator,
        AuthFailureLimiter,
        ApiKeyRateLimiter,
        HttpAccess,
        GraphqlAccess,
        RpcAccess,
        { provide: ACCESS_GUARD, useClass: AccessGuard },
      ],
      exports: [ACCESS_GUARD],
    };
  }
}
