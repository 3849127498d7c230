/**
 * The keys every test that starts the product runs with: fixed, so a failing test's requests
 * can be replayed by hand, and long enough to pass the config's length rules.
 */
export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/** The environment that hands those keys to a started app. */
export const TEST_SECRETS = {
  ADMIN_API_KEY: TEST_ADMIN_KEY,
  CLICK_SIGNING_KEYS: `t1:${TEST_SIGNING_SECRET}`,
} as const;
