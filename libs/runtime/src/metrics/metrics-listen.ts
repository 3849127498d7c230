/** Where MetricsServer listens when /metrics has a port of its own. */
export interface MetricsListen {
  readonly host: string;
  readonly port: number;
}

export const METRICS_LISTEN = Symbol('METRICS_LISTEN');
