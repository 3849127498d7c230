export { AppExit, AppName, AppProcess, startApp } from './app-process';
export { createTestDatabase, TestDatabase } from './test-database';
export { click, graphql, GraphqlError, GraphqlResponse, postJson } from './http-client';
export { bucketMismatches, insertClicks, TestClick, waitForProjected } from './click-events';
