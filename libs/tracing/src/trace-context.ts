import { context, Link, SpanContext, trace, TraceFlags } from '@opentelemetry/api';
import { tracingEnabled } from './tracing';

/**
 * The trace context an event carries in its metadata, as W3C Trace Context fields (the names
 * CloudEvents' distributed-tracing extension uses): the span that caused the event, so
 * whoever handles it later can link back to it. Metadata, not data: an event's data is a
 * contract; correlation belongs with the correlation and causation ids.
 */
export type TraceMetadata = {
  readonly traceparent?: string;
  readonly tracestate?: string;
};

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;
const INVALID_TRACE = /^0+$/;

/**
 * `metadata` plus the active span's trace context, when a span is recording; else `metadata`
 * itself, unchanged (tracing off: not one byte more in the event).
 */
export function withTraceContext<M extends object>(metadata: M): M & TraceMetadata {
  if (!tracingEnabled()) return metadata;
  const span = trace.getSpan(context.active());
  if (!span?.isRecording()) return metadata;
  const { traceId, spanId, traceFlags, traceState } = span.spanContext();
  const flags = (traceFlags & 0xff).toString(16).padStart(2, '0');
  const state = traceState?.serialize();
  return {
    ...metadata,
    traceparent: `00-${traceId}-${spanId}-${flags}`,
    ...(state ? { tracestate: state } : {}),
  };
}

/** The span an event's metadata names as its cause, or undefined (older events carry none). */
export function causingSpan(metadata: unknown): SpanContext | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const { traceparent } = metadata as { traceparent?: unknown };
  if (typeof traceparent !== 'string') return undefined;
  const match = TRACEPARENT.exec(traceparent);
  if (!match || INVALID_TRACE.test(match[1]) || INVALID_TRACE.test(match[2])) return undefined;
  return {
    traceId: match[1],
    spanId: match[2],
    traceFlags: parseInt(match[3], 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
}

/**
 * Links to the spans that caused these events, each once, at most `max` (the SDK keeps 128
 * links a span by default, OTEL_SPAN_LINK_COUNT_LIMIT). Events without trace context add none.
 */
export function linksToCauses(metadata: Iterable<unknown>, max = 128): Link[] {
  const links: Link[] = [];
  const seen = new Set<string>();
  for (const m of metadata) {
    if (links.length >= max) break;
    const cause = causingSpan(m);
    if (!cause || seen.has(cause.spanId)) continue;
    seen.add(cause.spanId);
    links.push({ context: cause });
  }
  return links;
}

/** The active span's ids, for a log line written inside it; nothing outside a span. */
export function activeTraceIds(): { traceId?: string; spanId?: string } {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
