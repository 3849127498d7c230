import { AD_EVENT_TYPES, CLICK_RECORDED } from '@app/contracts';
import { AD_CATALOG } from './ad-catalog/ad-catalog.projection';
import { CLICK_BUCKETS } from './click-buckets/click-buckets.projection';

/** Every live projection by name and the events it reads (status and metrics list these). */
export const PROJECTIONS: readonly {
  readonly name: string;
  readonly eventTypes: readonly string[];
}[] = [
  { name: CLICK_BUCKETS, eventTypes: [CLICK_RECORDED] },
  { name: AD_CATALOG, eventTypes: [...AD_EVENT_TYPES] },
];
