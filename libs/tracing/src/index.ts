export { startTracing, stopTracing, tracer, tracingEnabled, tracingRequested } from './tracing';
export {
  activeTraceIds,
  causingSpan,
  linksToCauses,
  TraceMetadata,
  withTraceContext,
} from './trace-context';
export { TracingModule } from './tracing.module';
