import { Logger } from '@nestjs/common';
import { diag, DiagLogger, DiagLogLevel } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BoundedLog } from './bounded-log';

/** Longest a stop waits for the last spans to reach the collector (within SHUTDOWN_TIMEOUT). */
const FLUSH_TIMEOUT_MS = 3_000;

/**
 * Loaded only when tracing is on (see startTracing). The exporter takes its endpoint, headers,
 * timeout and compression from OTEL_EXPORTER_OTLP_*; the provider its sampler and limits from
 * OTEL_TRACES_SAMPLER* and OTEL_SPAN_*; the batch processor its queue from OTEL_BSP_*.
 *
 * Spans leave through a BatchSpanProcessor: ending a span only appends it to a bounded queue
 * (OTEL_BSP_MAX_QUEUE_SIZE, 2048), exported in the background. An unreachable collector
 * therefore never slows a request: the queue fills and further spans are dropped, and the
 * failures are logged at a bounded rate.
 */
export function startSdk(serviceName: string): () => Promise<void> {
  const logger = new Logger('Tracing');
  const problems = new BoundedLog((line) => logger.warn(line));
  // Export failures arrive here (by default they would go to diag, which logs nothing).
  setGlobalErrorHandler((error) =>
    problems.report(
      (count) =>
        `${count} trace export(s) failed (${error instanceof Error ? error.message : String(error)}); spans are dropped while the collector is unreachable`,
    ),
  );
  const warn = (message: string): void =>
    problems.report((count) => `${count} tracing problem(s): ${message}`);
  const diagLogger: DiagLogger = {
    error: warn,
    warn,
    info: () => undefined,
    debug: () => undefined,
    verbose: () => undefined,
  };
  diag.setLogger(diagLogger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });

  const provider = new NodeTracerProvider({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over our names.
    resource: defaultResource()
      .merge(
        resourceFromAttributes({ 'service.name': serviceName, 'service.namespace': 'clickstream' }),
      )
      .merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // AsyncLocalStorage carries the active span through awaits; W3C trace context.
  provider.register();
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), FLUSH_TIMEOUT_MS);
    });
    const result = await Promise.race([provider.shutdown().then(() => 'done' as const), late])
      .catch((error: unknown) => (error instanceof Error ? error.message : String(error)))
      .finally(() => clearTimeout(timer));
    if (result !== 'done')
      logger.warn(
        `traces not all exported at shutdown (${result === 'late' ? `still sending after ${FLUSH_TIMEOUT_MS} ms` : result})`,
      );
  };
}
