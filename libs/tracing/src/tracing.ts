import { trace, Tracer } from '@opentelemetry/api';
import { AppConfig } from '@app/config';

/**
 * Every span of the product comes from this tracer. Until an SDK is registered (and when
 * tracing is off, it never is) it is @opentelemetry/api's no-op tracer.
 */
export const tracer: Tracer = trace.getTracer('clickstream');

/** Stops the SDK: ends the queue, exports what is in it (bounded in time). */
type Shutdown = () => Promise<void>;

let shutdown: Shutdown | undefined;
let service: string | undefined;

/**
 * Whether spans are recorded in this process. Hot paths read this once, where they are set
 * up (a route, a module factory), and take the untraced path for good when it is false: off
 * costs them nothing, not even a no-op span.
 */
export function tracingEnabled(): boolean {
  return shutdown !== undefined;
}

/**
 * Whether the configuration asks for traces: OTEL_EXPORTER_OTLP_ENDPOINT is set (the one
 * switch; OTEL_EXPORTER_OTLP_TRACES_ENDPOINT only says where they go once on) and the SDK is
 * not disabled.
 */
export function tracingRequested(config: AppConfig): boolean {
  return (
    config.get('OTEL_EXPORTER_OTLP_ENDPOINT') !== undefined &&
    config.get('OTEL_SDK_DISABLED') !== 'true'
  );
}

/**
 * Before the app is built: when OTEL_EXPORTER_OTLP_ENDPOINT is set, loads the SDK (only then:
 * off, not one module of it is loaded) and registers it, exporting over OTLP/HTTP JSON as
 * `serviceName` unless OTEL_SERVICE_NAME says otherwise. The SDK reads the other standard
 * OTEL_* variables itself.
 */
export function startTracing(config: AppConfig, serviceName: string): void {
  if (shutdown || !tracingRequested(config)) return;
  // Required here, not imported at the top: off, the SDK is never loaded.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSdk } = require('./otel-sdk') as typeof import('./otel-sdk');
  shutdown = startSdk(serviceName);
  service = serviceName;
}

/** The service this process's spans are exported as, when tracing is on. */
export function tracedService(): string | undefined {
  return service;
}

/** On application shutdown: flushes the spans still queued. A no-op when tracing is off. */
export async function stopTracing(): Promise<void> {
  const stop = shutdown;
  shutdown = undefined;
  await stop?.();
}
