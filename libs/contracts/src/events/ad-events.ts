/** The Ad aggregate's events, in stream ad-<adId>. Version 1 of each. */
export const AD_REGISTERED = 'AdRegistered';
export const AD_TARGET_CHANGED = 'AdTargetChanged';
export const AD_PAUSED = 'AdPaused';
export const AD_RESUMED = 'AdResumed';

export const AD_EVENT_TYPES = [AD_REGISTERED, AD_TARGET_CHANGED, AD_PAUSED, AD_RESUMED] as const;

export interface AdRegisteredData {
  readonly version: 1;
  readonly adId: string;
  readonly advertiserId: string;
  readonly name: string;
  readonly targetUrl: string;
}

export interface AdTargetChangedData {
  readonly version: 1;
  readonly adId: string;
  readonly targetUrl: string;
}

export interface AdPausedData {
  readonly version: 1;
  readonly adId: string;
}

export type AdResumedData = AdPausedData;

export type AdEvent =
  | { readonly type: typeof AD_REGISTERED; readonly data: AdRegisteredData }
  | { readonly type: typeof AD_TARGET_CHANGED; readonly data: AdTargetChangedData }
  | { readonly type: typeof AD_PAUSED; readonly data: AdPausedData }
  | { readonly type: typeof AD_RESUMED; readonly data: AdResumedData };

export function adStreamId(adId: string): string {
  return `ad-${adId}`;
}

export function isAdEvent(event: { type: string; data: unknown }): event is AdEvent {
  return (AD_EVENT_TYPES as readonly string[]).includes(event.type);
}
