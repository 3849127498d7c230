import { classify, DEVICE_CACHE_ENTRIES, deviceCacheSize, deviceClass } from './device-class';
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

  it.each([
    ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'bot'],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
      'mobile',
    ],
    ['Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15', 'tablet'],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36',
      'desktop',
    ],
    ['', 'other'],
  ])('classifies %s', (ua, expected) => {
    expect(deviceClass(ua)).toBe(expected);
  });

  it('remembers user agents within a bound, answering as a fresh classification would', () => {
    const bot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';
    expect(deviceClass(bot)).toBe('bot');
    expect(deviceClass(bot)).toBe(classify(bot));
    for (let i = 0; i < DEVICE_CACHE_ENTRIES * 3; i++) {
      const ua = `Mozilla/5.0 (X11; Linux x86_64) Build/${i}${i % 7 === 0 ? ' crawler' : ''}`;
      expect(deviceClass(ua)).toBe(classify(ua));
      expect(deviceCacheSize()).toBeLessThanOrEqual(DEVICE_CACHE_ENTRIES);
    }
    // Too long to be worth keeping: classified, not stored.
    const long = `Mozilla/5.0 ${'x'.repeat(600)}`;
    const before = deviceCacheSize();
    expect(deviceClass(long)).toBe(classify(long));
    expect(deviceCacheSize()).toBe(before);
  });
});
