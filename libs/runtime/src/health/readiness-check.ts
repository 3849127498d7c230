/** A dependency /readyz asks about; features add theirs to the ReadinessRegistry. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<ReadinessResult>;
}

export interface ReadinessResult {
  readonly ready: boolean;
  readonly detail?: Record<string, unknown> | string;
}
