/**
 * The keys every test that starts the product runs with: fixed, so a failing test's requests
 * can be replayed by hand, and long enough to pass the config's length rules.
 */
export const TEST_ADMIN_KEY = 'test-admin-key-0123456789abcdef';
export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

/**
 * The environment that hands those keys to a started app; and with the traffic-quality rules
 * that judge by timing and repetition off: the tests of other features mint a link and click it
 * at once, many times as one person. The quality tests (test/e2e/traffic-quality.spec.ts) turn
 * them on.
 */
export const TEST_SECRETS = {
  ADMIN_API_KEY: TEST_ADMIN_KEY,
  CLICK_SIGNING_KEYS: `t1:${TEST_SIGNING_SECRET}`,
  QUALITY_MIN_CLICK_DELAY: 'off',
  QUALITY_REPEAT_MAX_CLICKS: '0',
} as const;
