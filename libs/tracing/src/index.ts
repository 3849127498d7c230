export { startTracing, stopTracing, tracer, tracingEnabled, tracingRequested } from './tracing';
export { causingSpan, linksToCauses, TraceMetadata, withTraceContext } from './trace-context';
export { TracingModule } from './tracing.module';
