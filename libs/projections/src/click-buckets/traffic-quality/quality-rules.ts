import { AppConfig } from '@app/config';

/**
 * The settings of the traffic-quality rules: the projector's, read from its configuration. A
 * rebuild judges the whole log with the settings the projector runs with.
 */
export interface QualityRules {
  /** too-fast: a click sooner than this after the mint is invalid; 0 = rule off. */
  readonly minClickDelayMs: number;
  /** repeat: clicks one user may make on one ad within the window; 0 = rule off. */
  readonly repeatMaxClicks: number;
  readonly repeatWindowMs: number;
}

/**
 * The rules' version: bump a rule's number whenever what it decides changes for the same facts
 * (not when only its setting does: the settings are shown beside it). Shown by the
 * `projections` operation, so an operator can tell which rules judged the read models.
 */
export const RULE_VERSIONS = {
  // 2: a click with no user agent is a bot (1 let it pass as valid).
  bot: 2,
  prefetch: 1,
  datacenter: 1,
  'too-fast': 1,
  repeat: 1,
} as const;

/** How late (behind the newest click seen) a click may arrive and still be judged a repeat. */
export const REPEAT_LATENESS_MS = 3_600_000;

export function qualityRules(config: AppConfig): QualityRules {
  return {
    minClickDelayMs: config.get('QUALITY_MIN_CLICK_DELAY'),
    repeatMaxClicks: config.get('QUALITY_REPEAT_MAX_CLICKS'),
    repeatWindowMs: config.get('QUALITY_REPEAT_WINDOW'),
  };
}

export function repeatRuleOn(rules: QualityRules): boolean {
  return rules.repeatMaxClicks > 0 && rules.repeatWindowMs > 0;
}

/** One line naming every rule, its version and its setting, e.g. for the projections status. */
export function describeRules(rules: QualityRules): string {
  const v = RULE_VERSIONS;
  return [
    `bot/${v.bot}`,
    `prefetch/${v.prefetch}`,
    `datacenter/${v.datacenter}`,
    `too-fast/${v['too-fast']}(${rules.minClickDelayMs > 0 ? `<${rules.minClickDelayMs}ms` : 'off'})`,
    `repeat/${v.repeat}(${repeatRuleOn(rules) ? `>${rules.repeatMaxClicks} per ${rules.repeatWindowMs / 1000}s` : 'off'})`,
  ].join(' ');
}
