import { AD_EVENT_TYPES, AdEvent, isAdEvent, isUuid } from '@app/contracts';
import { AD_CATALOG, AD_CATALOG_TABLE } from '@app/read-models';
import { KeySet } from '../framework/key-set';
import { ProjectionDefinition } from '../framework/projection-definition';
import { AdCatalogProjection, adCatalogKey } from './ad-catalog.projection';

/** Every ad, its owner, target and state, as advertisers list them. */
export const AD_CATALOG_PROJECTION: ProjectionDefinition = {
  name: AD_CATALOG,
  eventTypes: [...AD_EVENT_TYPES],
  tables: [
    {
      name: AD_CATALOG_TABLE,
      key: ['ad_id'],
      keyTypes: ['uuid'],
      shown: ['advertiser_id', 'name', 'target_url', 'paused', 'registered_at', 'updated_at'],
      hidden: [],
    },
  ],
  create: (names) => new AdCatalogProjection(names(AD_CATALOG_TABLE)),
  touched: (events) => {
    const keys = new KeySet();
    for (const event of events) {
      if (!isAdEvent(event)) continue;
      let adId: unknown;
      try {
        adId = adCatalogKey(event as AdEvent);
      } catch {
        continue; // no data at all: dead-lettered, no row changed
      }
      // Anything but a uuid fails the insert into ad_id (dead-lettered): no row changed either.
      if (typeof adId === 'string' && isUuid(adId)) keys.add(AD_CATALOG_TABLE, [adId]);
    }
    return keys.result();
  },
};
