import { CREDENTIAL_WINDOW_MS, signRpcCommand, verifyRpcCommand } from './rpc-credential';
import { MAX_REMEMBERED_NONCES, RpcNonces } from './rpc-nonces';

const KEY = 'admin-key-for-unit-tests-0123456789';
const NOW = Date.parse('2026-11-20T12:00:00Z');
const PATTERN = 'projections.rebuild';

describe('rpc credentials', () => {
  const credential = signRpcCommand(KEY, PATTERN, ['click-buckets'], NOW);

  it('verifies a fresh credential for the same command and key', () => {
    expect(verifyRpcCommand(KEY, PATTERN, ['click-buckets'], credential, NOW + 1_000)).toBe(true);
    // Through JSON, as it travels.
    const wire = JSON.parse(JSON.stringify(credential)) as unknown;
    expect(verifyRpcCommand(KEY, PATTERN, ['click-buckets'], wire, NOW)).toBe(true);
  });

  it('refuses another command, pattern or key under the same credential', () => {
    expect(verifyRpcCommand(KEY, PATTERN, ['ad-catalog'], credential, NOW)).toBe(false);
    expect(verifyRpcCommand(KEY, PATTERN, [], credential, NOW)).toBe(false);
    expect(verifyRpcCommand(KEY, 'other.pattern', ['click-buckets'], credential, NOW)).toBe(false);
    expect(verifyRpcCommand(`${KEY}x`, PATTERN, ['click-buckets'], credential, NOW)).toBe(false);
  });

  it('refuses a credential outside the window either way', () => {
    const late = NOW + CREDENTIAL_WINDOW_MS + 1;
    const early = NOW - CREDENTIAL_WINDOW_MS - 1;
    expect(verifyRpcCommand(KEY, PATTERN, ['click-buckets'], credential, late)).toBe(false);
    expect(verifyRpcCommand(KEY, PATTERN, ['click-buckets'], credential, early)).toBe(false);
  });

  it('refuses a moved timestamp or nonce, and anything that is not a credential', () => {
    const body = ['click-buckets'];
    for (const given of [
      { ...credential, issuedAt: credential.issuedAt + 1 },
      { ...credential, nonce: signRpcCommand(KEY, PATTERN, body, NOW).nonce },
      { ...credential, mac: 'guess' },
      'guess',
      null,
      undefined,
      { issuedAt: String(NOW), nonce: credential.nonce, mac: credential.mac },
    ])
      expect(verifyRpcCommand(KEY, PATTERN, body, given, NOW)).toBe(false);
  });
});

describe('rpc nonces', () => {
  it('accepts a nonce once', () => {
    const nonces = new RpcNonces();
    expect(nonces.accept('n1', NOW, NOW)).toBe(true);
    expect(nonces.accept('n1', NOW, NOW + 1)).toBe(false);
    expect(nonces.accept('n2', NOW, NOW + 1)).toBe(true);
  });

  it('is bounded: full of live nonces it refuses, and makes room as they expire', () => {
    const nonces = new RpcNonces();
    for (let i = 0; i < MAX_REMEMBERED_NONCES; i++)
      expect(nonces.accept(`n${i}`, NOW, NOW)).toBe(true);
    expect(nonces.accept('one-more', NOW, NOW)).toBe(false);
    const later = NOW + CREDENTIAL_WINDOW_MS + 1;
    expect(nonces.accept('one-more', later, later)).toBe(true);
  });
});
