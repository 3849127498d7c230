import { createHmac } from 'node:crypto';
import { newImpressionId, signClickToken, verifyClickToken } from './click-token';
import { parseSigningKeys } from './signing-keys';

describe('click token', () => {
  const key = { kid: 'k1', secret: Buffer.from('a'.repeat(32)) };
  const keys = new Map([[key.kid, key.secret]]);
  const claims = {
    impressionId: newImpressionId(),
    adId: '0b5d2f4e-8a1c-4c3e-9f7a-2d6b1e0c9a88',
    expiresAt: 2_000_000_000,
    userId: 'user-42',
    country: 'US',
    placement: 'top-banner',
  };

  it('round-trips every field', () => {
    const token = signClickToken(claims, key);
    expect(verifyClickToken(token, keys, 1_900_000_000)).toEqual({
      ok: true,
      claims,
      expired: false,
    });
  });

  it('carries the issue time in a version 2 token, and still verifies version 1 tokens', () => {
    const v2 = { ...claims, issuedAt: 1_900_000_000_123 };
    const token = signClickToken(v2, key);
    expect(Buffer.from(token.split('.')[1], 'base64url').toString()).toMatch(
      /^2\|.*\|1900000000123$/,
    );
    expect(verifyClickToken(token, keys, 1_900_000_000)).toEqual({
      ok: true,
      claims: v2,
      expired: false,
    });
    // A link handed out before version 2, signed by hand as docs/click-token.md said then.
    const fields = [
      '1',
      claims.impressionId,
      Buffer.from(claims.adId.replace(/-/g, ''), 'hex').toString('base64url'),
      String(claims.expiresAt),
      'user-42',
      'US',
      'top-banner',
    ];
    const payload = Buffer.from(fields.join('|')).toString('base64url');
    const mac = createHmac('sha256', key.secret)
      .update(`k1.${payload}`)
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    expect(verifyClickToken(`k1.${payload}.${mac}`, keys, 1)).toEqual({
      ok: true,
      claims,
      expired: false,
    });
    // A version 1 payload with an eighth field, or a version 2 one without it, is not a token.
    for (const bad of [
      [...fields, '5'],
      ['2', ...fields.slice(1)],
    ]) {
      const p = Buffer.from(bad.join('|')).toString('base64url');
      const m = createHmac('sha256', key.secret)
        .update(`k1.${p}`)
        .digest()
        .subarray(0, 16)
        .toString('base64url');
      expect(verifyClickToken(`k1.${p}.${m}`, keys, 1)).toEqual({ ok: false, reason: 'malformed' });
    }
  });

  it('keeps a typical click URL under 200 characters', () => {
    const url = `https://clicks.example.com/c/${signClickToken({ ...claims, issuedAt: Date.now() }, key)}`;
    expect(url.length).toBeLessThan(200);
  });

  it('reports expiry without rejecting', () => {
    const token = signClickToken(claims, key);
    expect(verifyClickToken(token, keys, 2_000_000_000)).toMatchObject({ ok: true, expired: true });
  });

  it('rejects any changed character', () => {
    const token = signClickToken(claims, key);
    for (let i = 0; i < token.length; i++) {
      const c = token[i] === 'A' ? 'B' : 'A';
      const tampered = token.slice(0, i) + c + token.slice(i + 1);
      expect(verifyClickToken(tampered, keys, 1).ok).toBe(false);
    }
  });

  it('refuses the other spellings of the same MAC bytes', () => {
    // The MAC's last base64url character carries 2 bits of it and 4 unused ones: the 15 other
    // characters with the same 2 bits decode to the same bytes and must still be refused.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const token = signClickToken(claims, key);
    const last = alphabet.indexOf(token[token.length - 1]);
    const twins = [...alphabet].filter((_, v) => v !== last && v >> 4 === last >> 4);
    expect(twins).toHaveLength(15);
    for (const twin of twins) {
      const spelled = token.slice(0, -1) + twin;
      expect(Buffer.from(spelled.split('.')[2], 'base64url')).toEqual(
        Buffer.from(token.split('.')[2], 'base64url'),
      );
      expect(verifyClickToken(spelled, keys, 1)).toEqual({ ok: false, reason: 'bad-signature' });
    }
  });

  it('carries 64 emoji in userId and placement, counted as characters, not UTF-16 units', () => {
    const full = { ...claims, userId: '😀'.repeat(64), placement: '👩‍👩‍👧'.repeat(12) };
    expect(full.userId).toHaveLength(128);
    const token = signClickToken(full, key);
    // A click URL path: within the tracker's 1024-character parameter limit.
    expect(token.length).toBeLessThan(1024);
    expect(verifyClickToken(token, keys, 1)).toEqual({ ok: true, claims: full, expired: false });
    expect(() => signClickToken({ ...claims, userId: '😀'.repeat(65) }, key)).toThrow(
      /userId must be at most 64 characters/,
    );
    expect(() => signClickToken({ ...claims, placement: 'a\ud800b' }, key)).toThrow(/placement/);
  });

  it('names the reason: unknown key, malformed', () => {
    const token = signClickToken(claims, { kid: 'old', secret: Buffer.from('b'.repeat(32)) });
    expect(verifyClickToken(token, keys, 1)).toEqual({ ok: false, reason: 'unknown-key' });
    expect(verifyClickToken('nonsense', keys, 1)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('verifies with any configured key (rotation)', () => {
    const { keys: parsed } = parseSigningKeys(`k2:${'c'.repeat(32)},k1:${'a'.repeat(32)}`);
    const all = new Map(parsed.map((k) => [k.kid, k.secret]));
    expect(verifyClickToken(signClickToken(claims, key), all, 1).ok).toBe(true);
  });

  it('parses signing keys with clear problems', () => {
    expect(parseSigningKeys('k1:short').problems).toEqual([
      'key "k1" needs a secret of at least 32 characters',
    ]);
    expect(parseSigningKeys('').problems).toEqual(['must hold at least one kid:secret pair']);
    const leaky = parseSigningKeys('a-secret-without-any-key-id-0123456789');
    expect(leaky.problems).toEqual([
      'entry 1 must be kid:secret, kid being 1-16 of A-Z a-z 0-9 _ -',
    ]);
  });
});
