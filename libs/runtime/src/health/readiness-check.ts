/**
 * A dependency /readyz asks about. Features register their own (the click spool, the
 * projector's lag) by providing this token with `multi`-style arrays via ReadinessModule.
 */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessResult>;
}

export interface ReadinessResult {
  readonly ready: boolean;
  readonly detail?: Record<string, unknown> | string;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
