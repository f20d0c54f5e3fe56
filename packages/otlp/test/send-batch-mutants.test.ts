import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { copyRecord, pipeline, type LogRecordLike, type Sink } from '@logweave/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metricReader, valueOf } from '../../core/test/metric-reader.ts';
import { otlpSink } from '../src/index.ts';

/*
 * Behaviours that mutation testing (`pnpm mutate:delivery`) found unguarded: each test here
 * fails against a mutant that survived the rest of the suite.
 */

let receiver: OtlpReceiver;
let reader: ReturnType<typeof metricReader>;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  receiver = await startOtlpReceiver();
  reader = metricReader();
});
afterEach(async () => {
  await reader.shutdown();
  await receiver.close();
});

function emitter(sink: Sink) {
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  const logger = provider.getLogger('orders');
  return { provider, emit: (count: number) => { for (let i = 0; i < count; i++) logger.emit({ body: `order ${i}` }); } };
}

/** A record with a timestamp that is not a number. */
function unencodable(): LogRecordLike {
  let captured: LogRecordLike | undefined;
  const sink: Sink = { onEmit: (r) => void (captured = r), forceFlush: async () => {}, shutdown: async () => {} };
  new LoggerProvider({ processors: [pipeline({ sink })] }).getLogger('orders').emit({ body: 'broken' });
  return Object.assign(copyRecord(captured!), { hrTime: [Number.NaN, 0] });
}

describe('otlpSink delivery outcomes', () => {
  it('counts a partial success as two outcomes in the exporter metrics: accepted and rejected records', async () => {
    receiver.inject({ kind: 'partial-success', rejected: 2, message: 'too old' });
    const sink = otlpSink({ endpoint: receiver.url, name: 'orders', meterProvider: reader.meterProvider });
    const { provider, emit } = emitter(sink);
    emit(5);
    await provider.forceFlush();
    const points = await reader.collect();
    const exporter = {
      'otel.component.type': 'otlp_http_log_exporter',
      'otel.component.name': 'orders',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(receiver.url).port),
    };
    expect(valueOf(points, 'otel.sdk.exporter.log.exported', exporter)).toBe(3);
    expect(valueOf(points, 'otel.sdk.exporter.log.exported', { ...exporter, 'error.type': 'rejected' })).toBe(2);
    expect(sink.stats()).toMatchObject({ exported: 3, rejected: 2, dropped: 0 });
    await provider.shutdown();
  });

  it('lists no drop reason when nothing was dropped', async () => {
    const sink = otlpSink({ endpoint: receiver.url });
    const { provider, emit } = emitter(sink);
    emit(3);
    await provider.shutdown();
    expect(sink.stats()).toMatchObject({ exported: 3, dropped: 0, droppedBy: {} });
    expect(Object.keys(sink.stats().droppedBy)).toEqual([]);
  });

  it('sends no request for a batch in which no record can be encoded, and counts each', async () => {
    // OTLP/JSON refuses a timestamp that is not a number.
    const sink = otlpSink({ endpoint: receiver.url, protocol: 'http/json' });
    sink.onEmit(unencodable());
    sink.onEmit(unencodable());
    await sink.forceFlush();
    await sink.shutdown();
    expect(receiver.requests).toHaveLength(0);
    expect(sink.stats()).toMatchObject({ received: 2, exported: 0, dropped: 2, droppedBy: { unencodable: 2 } });
  });
});
