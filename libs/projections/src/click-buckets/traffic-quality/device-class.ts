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
