import { userKey } from './user-key';

describe('visitor', () => {
  const secret = Buffer.from('s'.repeat(32));
  const at = new Date('2026-11-24T10:00:00Z');

  it('uses the token userId when there is one', () => {
    expect(userKey({ userId: 'u-1', ip: '1.2.3.4', userAgent: 'x', at, secret })).toBe('u:u-1');
  });

  it('hashes IP and user agent with a salt that rotates daily, never exposing the IP', () => {
    const a = userKey({ ip: '1.2.3.4', userAgent: 'Firefox', at, secret });
    expect(a).toBe(
      userKey({
        ip: '1.2.3.4',
        userAgent: 'Firefox',
        at: new Date('2026-11-24T23:59:59Z'),
        secret,
      }),
    );
    expect(a).not.toBe(
      userKey({
        ip: '1.2.3.4',
        userAgent: 'Firefox',
        at: new Date('2026-11-25T00:00:00Z'),
        secret,
      }),
    );
    expect(a).not.toBe(userKey({ ip: '1.2.3.5', userAgent: 'Firefox', at, secret }));
    expect(a).not.toContain('1.2.3.4');
  });
});
