import { DeviceClass } from '@app/contracts';
import { isbot } from 'isbot';

/** Coarse device class from the user agent; bots (the maintained `isbot` list) come first. */
export function classify(userAgent: string): DeviceClass {
  if (isbot(userAgent)) return 'bot';
  if (/iPad|Tablet|PlayBook|Silk|Android(?!.*Mobile)/i.test(userAgent)) return 'tablet';
  if (/Mobi|iPhone|iPod|Android|Windows Phone/i.test(userAgent)) return 'mobile';
  if (/Windows NT|Macintosh|X11|Linux|CrOS/i.test(userAgent)) return 'desktop';
  return 'other';
}

// Clicks come from few distinct user agents (a handful of browser builds carry most traffic),
// and isbot's pattern is a long alternation run on every click: remember recent answers. The
// cache is bounded in entries and in key length, and starts over when full, so a flood of made-up
// user agents costs at most one classification each and a few hundred KiB.
export const DEVICE_CACHE_ENTRIES = 1_000;
const CACHEABLE_LENGTH = 512;
const cache = new Map<string, DeviceClass>();

/** classify, remembered per user agent. */
export function deviceClass(userAgent: string): DeviceClass {
  const known = cache.get(userAgent);
  if (known !== undefined) return known;
  const device = classify(userAgent);
  if (userAgent.length <= CACHEABLE_LENGTH) {
    if (cache.size >= DEVICE_CACHE_ENTRIES) cache.clear();
    cache.set(userAgent, device);
  }
  return device;
}

/** Entries held now: for the test that checks the bound. */
export function deviceCacheSize(): number {
  return cache.size;
}
