import { context, trace, TraceFlags, type LogRecord } from '@opentelemetry/api';
import { pipeline, type LogRecordLike } from '@logweave/core';
import { memorySink } from '@logweave/testing';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';

export const traceId = '5b8efff798038103d269b633813fc60c';
export const spanId = 'eee19b7ec3c1b174';

/** A provider whose pipeline keeps every record in a memory sink. */
export function provider(resource: Resource = resourceFromAttributes({ 'service.name': 'checkout' })) {
  const sink = memorySink();
  return { sink, provider: new LoggerProvider({ resource, processors: [pipeline({ sink })] }) };
}

/** The records the SDK makes of `logs`, emitted by one logger. */
export function emit(...logs: LogRecord[]): LogRecordLike[] {
  const { sink, provider: p } = provider();
  const logger = p.getLogger('checkout.http', '1.4.0');
  for (const log of logs) logger.emit(log);
  return [...sink.records];
}

/** The context of a sampled span, to emit a record with trace context. */
export function inSpan() {
  return trace.setSpanContext(context.active(), { traceId, spanId, traceFlags: TraceFlags.SAMPLED });
}
