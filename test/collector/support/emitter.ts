import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { pipeline, type Sink } from '@logweave/core';
import type { ReceivedLogRecord } from '@logweave/testing';

export const ID = 'test.record_id';

/** An application logging through the SDK and a logweave pipeline into `sink`. */
export function app(sink: Sink, service = 'orders') {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    processors: [pipeline({ sink })],
  });
  const logger = provider.getLogger('orders.worker', '1.0.0');
  return {
    provider,
    /** Records `${prefix}${from}` … `${prefix}${to - 1}`, each `bodyBytes` long, in `traceId` when given. */
    emit(prefix: string, from: number, to: number, options: { bodyBytes?: number; traceId?: (i: number) => string } = {}) {
      const padding = 'x'.repeat(options.bodyBytes ?? 0);
      for (let i = from; i < to; i++) {
        const traceId = options.traceId?.(i);
        const ctx = traceId === undefined
          ? context.active()
          : trace.setSpanContext(context.active(), { traceId, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });
        logger.emit({ severityNumber: 9, body: `order ${i} ${padding}`, attributes: { [ID]: `${prefix}${i}` }, context: ctx });
      }
    },
  };
}

/** The ids of `records`, in arrival order. */
export function idsOf(records: readonly ReceivedLogRecord[]): string[] {
  return records.map((r) => String(r.attributes[ID]));
}

/** The ids of `records`, sorted by their number, for comparing sets of ids. */
export function sortedIds(records: readonly ReceivedLogRecord[]): string[] {
  return idsOf(records).sort((a, b) => Number(a.replace(/\D+/g, '')) - Number(b.replace(/\D+/g, '')) || a.localeCompare(b));
}
