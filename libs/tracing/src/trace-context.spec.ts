import { causingSpan, linksToCauses, withTraceContext } from './trace-context';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

describe('trace context in event metadata', () => {
  it('leaves metadata as it is while tracing is off', () => {
    const metadata = { correlationId: 'c-1' };
    expect(withTraceContext(metadata)).toBe(metadata);
  });

  it('reads the causing span from a traceparent', () => {
    expect(causingSpan({ correlationId: 'c', traceparent: `00-${TRACE}-${SPAN}-01` })).toEqual({
      traceId: TRACE,
      spanId: SPAN,
      traceFlags: 1,
      isRemote: true,
    });
  });

  it.each([
    ['an older event', { correlationId: 'c' }],
    ['no metadata', null],
    ['a number', { traceparent: 42 }],
    ['another version', { traceparent: `01-${TRACE}-${SPAN}-01` }],
    ['an all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-${SPAN}-01` }],
    ['an all-zero span id', { traceparent: `00-${TRACE}-${'0'.repeat(16)}-01` }],
    ['upper case', { traceparent: `00-${TRACE.toUpperCase()}-${SPAN}-01` }],
    ['trailing text', { traceparent: `00-${TRACE}-${SPAN}-01-extra` }],
  ])('finds no cause in %s', (_, metadata) => {
    expect(causingSpan(metadata)).toBeUndefined();
  });

  it('links each causing span once, skips events without one, and stops at the limit', () => {
    const span = (n: number): string => n.toString(16).padStart(16, '0');
    const metadata = [
      { traceparent: `00-${TRACE}-${span(1)}-01` },
      { correlationId: 'old' },
      { traceparent: `00-${TRACE}-${span(1)}-01` },
      { traceparent: `00-${TRACE}-${span(2)}-00` },
      { traceparent: `00-${TRACE}-${span(3)}-01` },
    ];
    expect(linksToCauses(metadata).map((l) => l.context.spanId)).toEqual([
      span(1),
      span(2),
      span(3),
    ]);
    expect(linksToCauses(metadata, 2)).toHaveLength(2);
  });
});
