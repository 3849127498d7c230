export { AppExit, AppName, AppProcess, startApp, startProcess } from './app-process';
export { createTestDatabase, TestDatabase } from './test-database';
export { click, graphql, GraphqlError, GraphqlResponse, postJson } from './http-client';
export { bucketMismatches, insertClicks, TestClick, waitForProjected } from './click-events';
export { TEST_ADMIN_KEY, TEST_SECRETS, TEST_SIGNING_SECRET } from './test-secrets';
export { FaultCluster, startFaultCluster } from './fault-cluster';
export { AppSurface, startAppWithSurface, SurfacedApp } from './app-surface';
export { rootOperations, RootOperation } from './graphql-operations';
