import { AD_CATALOG_PROJECTION } from './ad-catalog/ad-catalog.definition';
import { CLICK_BUCKETS_PROJECTION } from './click-buckets/click-buckets.definition';
import { ProjectionDefinition } from './framework/projection-definition';

/**
 * Every projection. The projector runs each of these, the status service reports each, a
 * rebuild can replay each: a new projection is a folder with its definition, and a line here.
 */
export const PROJECTIONS: readonly ProjectionDefinition[] = [
  CLICK_BUCKETS_PROJECTION,
  AD_CATALOG_PROJECTION,
];

export function findProjection(name: string): ProjectionDefinition | undefined {
  return PROJECTIONS.find((p) => p.name === name);
}
