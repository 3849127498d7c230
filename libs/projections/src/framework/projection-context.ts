import { AppConfig } from '@app/config';
import { QualityRules, qualityRules } from '../click-buckets/traffic-quality/quality-rules';

/**
 * What projections judge with beyond the events: the settings of their rules. The projector
 * reads them from its configuration; a rebuild judges with the same.
 */
export interface ProjectionContext {
  readonly quality: QualityRules;
}

export function projectionContext(config: AppConfig): ProjectionContext {
  return { quality: qualityRules(config) };
}
