// Authentication and authorization on every transport: who is calling (API keys, the admin
// key, signed RPC commands) and what they may call. A platform lib: it knows no feature.
export { AccessModule, AccessOptions } from './access.module';
export { generateApiKey, hashApiKey } from './api-keys/api-key';
export { API_KEY_LOOKUP, ApiKeyLookup } from './api-keys/api-key-lookup';
export { CurrentPrincipal } from './principal/current-principal.decorator';
export { mayAccess, Principal } from './principal/principal';
export { CREDENTIAL_WINDOW_MS, RpcCredential, signRpcCommand } from './rpc/rpc-credential';
export { SignedPart } from './rpc/signed-part.decorator';
export { Access, AccessRule } from './rules/access-rule';
// Declared in the platform, whose own routes (health, metrics, the dashboard) use it.
export { Public } from '@app/runtime';
