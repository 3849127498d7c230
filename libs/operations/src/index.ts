// The operator's surface over the projection engine: GraphQL for projections and rebuilds, and
// the TCP command port between the API and the projector.
export { OperationsGraphqlModule, ProjectorRpcModule } from './operations.module';
export { REBUILD_PATTERN, RebuildRequest } from './rpc/rebuild.rpc.controller';
export { CREDENTIAL_WINDOW_MS, RpcCredential, signRpcCommand } from './rpc/rpc-credential';
