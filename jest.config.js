/** @type {import('jest').Config} */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src',
    // The dashboard imports single dependency-free files (see apps/dashboard/tsconfig.json).
    '^@app/([a-z-]+)/([a-z-]+)$': '<rootDir>/libs/$1/src/$2',
  },
  // One throwaway PostgreSQL cluster for the whole run; each test file makes its own database.
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  testTimeout: 120_000,
  // Our own processes (app children, pools) must be closed by the tests, not killed by jest.
  forceExit: false,
};
