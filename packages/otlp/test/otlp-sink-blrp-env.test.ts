import { SeverityNumber } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline } from '@logweave/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { otlpSink } from '../src/index.ts';
import { resolveOtlpSinkOptions, type OtlpSinkOptions } from '../src/options.ts';

let receiver: OtlpReceiver;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  receiver = await startOtlpReceiver();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await receiver.close();
});

const resolve = (env: Record<string, string>, options: OtlpSinkOptions = {}) =>
  resolveOtlpSinkOptions({ endpoint: 'http://127.0.0.1:4318', ...options }, env);

function emitter() {
  const sink = otlpSink({ endpoint: receiver.url });
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  const logger = provider.getLogger('orders');
  const emit = (count: number) => {
    for (let i = 0; i < count; i++) logger.emit({ severityNumber: SeverityNumber.INFO, body: `order ${i}` });
  };
  return { sink, provider, emit };
}

describe('otlpSink and OTEL_BLRP_*', () => {
  it('takes OTEL_BLRP_SCHEDULE_DELAY as scheduledDelayMillis, 0 included, unless the option is set', () => {
    expect(resolve({ OTEL_BLRP_SCHEDULE_DELAY: '250' }).scheduledDelayMillis).toBe(250);
    expect(resolve({ OTEL_BLRP_SCHEDULE_DELAY: '0' }).scheduledDelayMillis).toBe(0);
    expect(resolve({ OTEL_BLRP_SCHEDULE_DELAY: '250' }, { scheduledDelayMillis: 40 }).scheduledDelayMillis).toBe(40);
    expect(resolve({}).scheduledDelayMillis).toBe(1000);
  });

  it('takes OTEL_BLRP_MAX_QUEUE_SIZE as the record cap, and refuses what does not fit', async () => {
    expect(resolve({ OTEL_BLRP_MAX_QUEUE_SIZE: '4096' }).maxQueueSize).toBe(4096);
    expect(resolve({ OTEL_BLRP_MAX_QUEUE_SIZE: '4096' }, { maxQueueSize: 10 }).maxQueueSize).toBe(10);
    expect(resolve({}).maxQueueSize).toBe(262_144);
    vi.stubEnv('OTEL_BLRP_MAX_QUEUE_SIZE', '3');
    const { sink, provider, emit } = emitter();
    emit(5);
    expect(sink.stats()).toMatchObject({ queued: 3, droppedBy: { 'queue-full': 2 } });
    await provider.shutdown();
    expect(receiver.records()).toHaveLength(3);
  });

  it('takes OTEL_BLRP_MAX_EXPORT_BATCH_SIZE as records per request, clamped to the record cap', async () => {
    expect(resolve({ OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '512' }).maxExportBatchSize).toBe(512);
    expect(resolve({ OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '512' }, { maxExportBatchSize: 64 }).maxExportBatchSize).toBe(64);
    expect(resolve({ OTEL_BLRP_MAX_QUEUE_SIZE: '100', OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '512' }).maxExportBatchSize).toBe(100);
    expect(resolve({ OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '512' }, { maxQueueSize: 100 }).maxExportBatchSize).toBe(100);
    vi.stubEnv('OTEL_BLRP_MAX_EXPORT_BATCH_SIZE', '4');
    const { provider, emit } = emitter();
    emit(10);
    await provider.shutdown();
    expect(receiver.requests.map((r) => r.records.length)).toEqual([4, 4, 2]);
  });

  it('caps how long a batch is retried by OTEL_BLRP_EXPORT_TIMEOUT; 0, an explicit maxElapsedMillis or durable mode leave it', () => {
    expect(resolve({ OTEL_BLRP_EXPORT_TIMEOUT: '30000' }).retry?.maxElapsedMillis).toBe(30_000);
    expect(resolve({ OTEL_BLRP_EXPORT_TIMEOUT: '30000' }, { retry: { initialIntervalMillis: 100 } }).retry).toMatchObject({
      initialIntervalMillis: 100,
      maxElapsedMillis: 30_000,
    });
    expect(resolve({ OTEL_BLRP_EXPORT_TIMEOUT: '900000' }).retry?.maxElapsedMillis).toBe(300_000);
    expect(resolve({ OTEL_BLRP_EXPORT_TIMEOUT: '0' }).retry?.maxElapsedMillis).toBe(300_000);
    expect(resolve({ OTEL_BLRP_EXPORT_TIMEOUT: '30000' }, { retry: { maxElapsedMillis: 60_000 } }).retry?.maxElapsedMillis).toBe(60_000);
    expect(resolve({ OTEL_BLRP_EXPORT_TIMEOUT: '30000' }, { retry: false }).retry).toBeUndefined();
    expect(resolve({ OTEL_BLRP_EXPORT_TIMEOUT: '30000' }, { durable: { dir: '/tmp/logweave-unused' } }).retry?.maxElapsedMillis).toBe(0);
  });

  it('ignores a value that is not an integer in range, as the specification says', () => {
    const defaults = resolve({});
    const resolved = resolve({
      OTEL_BLRP_SCHEDULE_DELAY: 'soon',
      OTEL_BLRP_MAX_QUEUE_SIZE: '0',
      OTEL_BLRP_MAX_EXPORT_BATCH_SIZE: '-5',
      OTEL_BLRP_EXPORT_TIMEOUT: '1.5',
    });
    for (const key of ['scheduledDelayMillis', 'maxQueueSize', 'maxExportBatchSize', 'retry'] as const) {
      expect(resolved[key]).toEqual(defaults[key]);
    }
  });

  it('still refuses contradictory options at set-up', () => {
    expect(() => resolve({}, { maxQueueSize: 100, maxExportBatchSize: 200 })).toThrow(
      new TypeError('otlpSink: maxExportBatchSize must not exceed maxQueueSize'),
    );
  });
});
