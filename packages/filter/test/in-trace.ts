import { ROOT_CONTEXT, trace, TraceFlags, type Context } from '@opentelemetry/api';

/** A context whose active span belongs to `traceId`, for records that must carry it. */
export function inTrace(traceId: string, spanId = '00f067aa0ba902b7'): Context {
  return trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED });
}
