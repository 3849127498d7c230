import { AdError } from './ad.error';
import { nonPublicHost } from './target-host';
import { validateTargetUrl } from './target-url';

const production = { allowPrivateHosts: false };
const development = { allowPrivateHosts: true };

describe('target URLs', () => {
  it.each([
    ['http://127.0.0.1/', /127\.0\.0\.1 is a loopback address/],
    ['http://127.1.2.3:8080/x', /loopback/],
    ['http://[::1]/', /\[::1\] is a loopback address/],
    ['http://10.0.0.5/', /private \(RFC 1918\)/],
    ['http://172.16.0.1/', /private/],
    ['http://192.168.1.1/', /private/],
    ['http://[fc00::1]/', /unique-local/],
    ['http://[fd12:3456::1]/', /unique-local/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://[fe80::1]/', /link-local/],
    ['http://0.0.0.0/', /unspecified/],
    ['http://[::]/', /unspecified/],
    ['http://100.64.0.1/', /carrier-grade NAT/],
    ['http://224.0.0.1/', /multicast/],
    ['http://255.255.255.255/', /broadcast/],
    // IPv4 inside IPv6, and the forms WHATWG's parser turns into 127.0.0.1.
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://[::ffff:a9fe:a9fe]/', /link-local/],
    ['http://[64:ff9b::7f00:1]/', /public host/],
    ['http://2130706433/', /127\.0\.0\.1 is a loopback/],
    ['http://0x7f.1/', /127\.0\.0\.1 is a loopback/],
    ['http://017700000001/', /loopback/],
    ['http://0/', /unspecified/],
    ['http://localhost:3000/', /localhost is a local host name/],
    ['http://LOCALHOST./', /local host name/],
    ['http://shop.localhost/', /local host name/],
    ['http://metadata.google.internal/', /local host name/],
    ['http://printer.local/', /local host name/],
    ['http://intranet/', /single-label host name/],
  ])('refuses %s in production', (url, reason) => {
    expect(() => validateTargetUrl(url, production)).toThrow(AdError);
    expect(() => validateTargetUrl(url, production)).toThrow(reason);
    expect(() => validateTargetUrl(url, production)).toThrow(/must point to a public host/);
  });

  it.each([
    'https://shop.example/winter',
    'http://8.8.8.8/',
    'https://[2606:4700:4700::1111]/',
    'https://localhost.example.com/',
    'https://local.example/',
  ])('accepts public %s', (url) => {
    expect(validateTargetUrl(url, production)).toBe(new URL(url).toString());
  });

  it('accepts private and local hosts when the rules allow them', () => {
    expect(validateTargetUrl('http://localhost:3000/landing', development)).toBe(
      'http://localhost:3000/landing',
    );
    expect(validateTargetUrl('http://2130706433/', development)).toBe('http://127.0.0.1/');
  });

  it('limits the length of what is stored, after percent-encoding', () => {
    const accented = `https://a.example/${'é'.repeat(600)}`;
    expect(accented.length).toBeLessThan(2048);
    expect(() => validateTargetUrl(accented, production)).toThrow(
      /at most 2048 characters once normalised and percent-encoded \(it is 3618\)/,
    );
    const longest = `https://a.example/${'x'.repeat(2048 - 'https://a.example/'.length)}`;
    expect(validateTargetUrl(longest, production)).toHaveLength(2048);
    expect(() => validateTargetUrl(`${longest}x`, production)).toThrow(/at most 2048/);
  });

  it('tells public hosts from the rest without a URL around them', () => {
    expect(nonPublicHost('shop.example')).toBeUndefined();
    expect(nonPublicHost('192.0.2.1')).toMatch(/reserved/);
  });
});
