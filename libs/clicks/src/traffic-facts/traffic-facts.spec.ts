import { AddressRanges } from './address-ranges';
import { declaredPurpose, referrerHost, storedUserAgent } from './request-facts';

describe('traffic facts', () => {
  const ranges = AddressRanges.parse(
    [
      '# a comment',
      '3.5.140.0/22',
      '',
      '3.5.144.0/24   # adjacent ranges merge',
      '3.5.145.0/24',
      '203.0.113.7',
      '2600:1f00::/24',
      '2a05:d000::/25',
    ].join('\n'),
  );

  it.each([
    ['3.5.140.0', true],
    ['3.5.143.255', true],
    ['3.5.144.1', true],
    ['3.5.145.255', true],
    ['3.5.146.0', false],
    ['3.5.139.255', false],
    ['203.0.113.7', true],
    ['203.0.113.8', false],
    ['::ffff:3.5.140.9', true],
    ['2600:1f18:1234::1', true],
    ['2600:2000::1', false],
    ['2a05:d07f:ffff::1', true],
    ['2a05:d080::1', false],
    ['::1', false],
    ['not an address', false],
    ['1.2.3', false],
    ['1.2.3.256', false],
  ])('%s in the list: %s', (ip, expected) => {
    expect(ranges.contains(ip)).toBe(expected);
  });

  it('merges overlapping and adjacent ranges, and names the lines it cannot read', () => {
    // 3.5.140.0/22 and the two /24s after it are one range.
    expect(ranges.size).toBe(4);
    expect(() => AddressRanges.parse('10.0.0.0/8\n10.0.0.0/33\nexample.com', 'f')).toThrow(
      'f: not CIDR ranges: line 2: "10.0.0.0/33", line 3: "example.com"',
    );
  });

  it('keeps the referrer host only', () => {
    expect(referrerHost('https://News.Example.com:8443/a/b?q=secret#x')).toBe('news.example.com');
    expect(referrerHost('http://user:pw@example.org/')).toBe('example.org');
    expect(referrerHost('https://[2001:db8::1]:443/')).toBe('[2001:db8::1]');
    expect(referrerHost('android-app://com.example.app/')).toBe('com.example.app');
    expect(referrerHost('/relative/path')).toBeNull();
    expect(referrerHost(undefined)).toBeNull();
    expect(referrerHost('')).toBeNull();
  });

  it('keeps the first declared purpose, lower case', () => {
    expect(declaredPurpose({ 'sec-purpose': 'prefetch;prerender', purpose: 'x' })).toBe(
      'prefetch;prerender, x',
    );
    // An unrelated first header does not hide a later one's prefetch.
    expect(declaredPurpose({ 'sec-purpose': 'foo', 'x-moz': 'prefetch' })).toBe('foo, prefetch');
    expect(declaredPurpose({ 'sec-purpose': 'a'.repeat(60), 'x-moz': 'prefetch' })).toHaveLength(
      64,
    );
    expect(declaredPurpose({ 'x-moz': 'Prefetch' })).toBe('prefetch');
    expect(declaredPurpose({ 'x-purpose': 'preview' })).toBe('preview');
    expect(declaredPurpose({ purpose: ' ' })).toBeNull();
    expect(declaredPurpose({})).toBeNull();
  });

  it('cuts long user agents', () => {
    expect(storedUserAgent('a'.repeat(2000))).toHaveLength(512);
    const ua = 'Mozilla/5.0';
    expect(storedUserAgent(ua)).toBe(ua);
  });
});
