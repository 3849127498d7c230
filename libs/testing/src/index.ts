export { createTestDatabase, TestDatabase } from './test-database';
