import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { SeverityNumber } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type Sink } from '@logweave/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metricReader, valueOf, type Point } from '../../core/test/metric-reader.ts';
import { consoleSink, fileSink, otlpSink } from '../src/index.ts';

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
  const emit = (count: number) => {
    for (let i = 0; i < count; i++) logger.emit({ severityNumber: SeverityNumber.INFO, body: `order ${i}` });
  };
  return { provider, emit };
}

/** The histogram point's count of observations. */
const observations = (points: Point[], name: string, attributes: Record<string, unknown>) =>
  (valueOf(points, name, attributes) as { count: number }).count;

describe('otlpSink self-metrics', () => {
  it('reports records processed, queue, exports by outcome, retries and drops by reason for a known run', async () => {
    const sink = otlpSink({
      endpoint: receiver.url,
      name: 'orders',
      maxQueueSize: 5,
      maxExportBatchSize: 5,
      retry: { initialIntervalMillis: 10, maxIntervalMillis: 20 },
      meterProvider: reader.meterProvider,
    });
    const { provider, emit } = emitter(sink);
    receiver.inject({ kind: 'status', status: 503 }, 1);
    emit(6); // five fit the queue, the sixth is refused
    await provider.forceFlush();
    receiver.inject({ kind: 'status', status: 400 }, 1);
    emit(2); // refused for good by the collector
    await provider.forceFlush();

    const points = await reader.collect();
    const processor = { 'otel.component.type': 'logweave.otlp_sink', 'otel.component.name': 'orders' };
    const exporter = {
      'otel.component.type': 'otlp_http_log_exporter',
      'otel.component.name': 'orders',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(receiver.url).port),
    };
    expect(valueOf(points, 'otel.sdk.processor.log.processed', processor)).toBe(7);
    expect(valueOf(points, 'otel.sdk.processor.log.processed', { ...processor, 'error.type': 'queue_full' })).toBe(1);
    expect(valueOf(points, 'otel.sdk.processor.log.queue.size', processor)).toBe(0);
    expect(valueOf(points, 'otel.sdk.processor.log.queue.capacity', processor)).toBe(5);
    expect(valueOf(points, 'otel.sdk.exporter.log.inflight', exporter)).toBe(0);
    expect(valueOf(points, 'otel.sdk.exporter.log.exported', exporter)).toBe(5);
    expect(valueOf(points, 'otel.sdk.exporter.log.exported', { ...exporter, 'error.type': '400' })).toBe(2);
    expect(observations(points, 'otel.sdk.exporter.operation.duration', exporter)).toBe(1);
    expect(observations(points, 'otel.sdk.exporter.operation.duration', { ...exporter, 'error.type': '400', 'http.response.status_code': 400 })).toBe(1);
    expect(valueOf(points, 'logweave.exporter.retries', { ...exporter, 'error.type': '503' })).toBe(1);
    expect(valueOf(points, 'logweave.sink.dropped', { ...processor, 'logweave.drop.reason': 'queue-full' })).toBe(1);
    expect(valueOf(points, 'logweave.sink.dropped', { ...processor, 'logweave.drop.reason': 'permanent-error' })).toBe(2);
    // The metrics tell the same story as stats().
    expect(sink.stats()).toMatchObject({ received: 8, exported: 5, droppedBy: { 'queue-full': 1, 'permanent-error': 2 }, retries: 1 });
    await provider.shutdown();
  });

  it('counts records emitted after shutdown as already_shutdown', async () => {
    const sink = otlpSink({ endpoint: receiver.url, name: 'late', meterProvider: reader.meterProvider });
    await sink.shutdown();
    sink.onEmit({} as never);
    const points = await reader.collect();
    const processor = { 'otel.component.type': 'logweave.otlp_sink', 'otel.component.name': 'late' };
    expect(valueOf(points, 'otel.sdk.processor.log.processed', { ...processor, 'error.type': 'already_shutdown' })).toBe(1);
    expect(valueOf(points, 'logweave.sink.dropped', { ...processor, 'logweave.drop.reason': 'shutdown' })).toBe(1);
  });

  it('refuses a meterProvider that is not one, naming the sink', () => {
    expect(() => otlpSink({ endpoint: receiver.url, meterProvider: {} as never })).toThrow(
      new TypeError('otlpSink: meterProvider must be a MeterProvider (an object with getMeter())'),
    );
    expect(() => consoleSink({ meterProvider: 1 as never })).toThrow(/^consoleSink: meterProvider must be a MeterProvider/);
  });
});

describe('consoleSink and fileSink self-metrics', () => {
  it('report records processed and written under their own component type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logweave-metrics-'));
    try {
      const stream = new PassThrough().resume();
      const sinks = [
        consoleSink({ stream, format: 'json', name: 'stdout', meterProvider: reader.meterProvider }),
        fileSink({ path: join(dir, 'app.log'), name: 'file', meterProvider: reader.meterProvider }),
      ];
      for (const sink of sinks) {
        const { provider, emit } = emitter(sink);
        emit(3);
        await provider.shutdown();
      }
      const points = await reader.collect();
      for (const [type, name] of [['logweave.console_sink', 'stdout'], ['logweave.file_sink', 'file']] as const) {
        const component = { 'otel.component.type': type, 'otel.component.name': name };
        expect(valueOf(points, 'otel.sdk.processor.log.processed', component)).toBe(3);
        expect(valueOf(points, 'otel.sdk.exporter.log.exported', component)).toBe(3);
        expect(valueOf(points, 'otel.sdk.exporter.log.inflight', component)).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
