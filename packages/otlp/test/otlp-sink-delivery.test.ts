import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SeverityNumber } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { copyRecord, pipeline, type LogRecordLike } from '@logweave/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { otlpSink, type OtlpSinkOptions, type SinkStats } from '../src/index.ts';
import { advanceUntil, settle, useFakeTime } from '@logweave/sdk-lines/fake-time';

/** Fast retries so that tests wait milliseconds, not the Collector's seconds. */
const quickRetry = { initialIntervalMillis: 20, maxIntervalMillis: 50, maxElapsedMillis: 10_000 };

let receiver: OtlpReceiver;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  receiver = await startOtlpReceiver();
});
afterEach(async () => {
  vi.useRealTimers();
  await receiver.close();
});

function setUp(options: OtlpSinkOptions = {}) {
  const sink = otlpSink({ endpoint: receiver.url, retry: quickRetry, scheduledDelayMillis: 10, ...options });
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  const logger = provider.getLogger('orders');
  const emit = (from: number, to: number) => {
    for (let i = from; i < to; i++) logger.emit({ severityNumber: SeverityNumber.INFO, body: `order ${i}` });
  };
  return { sink, provider, emit };
}

/** A record as the SDK builds it, to derive broken ones from. */
function capture(): LogRecordLike {
  let captured: LogRecordLike | undefined;
  const provider = new LoggerProvider({
    processors: [pipeline({ sink: { onEmit: (r: LogRecordLike) => void (captured = r), forceFlush: async () => {}, shutdown: async () => {} } })],
  });
  provider.getLogger('orders').emit({ body: 'cannot be encoded' });
  return captured!;
}

const bodies = () => receiver.records().map((r) => r.body);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `order ${from + i}`);

function expectBalanced(stats: SinkStats): void {
  expect(stats.received).toBe(stats.queued + stats.inFlight + stats.exported + stats.rejected + stats.dropped);
}

describe('otlpSink delivery', () => {
  it('batches records and exports every one', async () => {
    const { sink, provider, emit } = setUp({ maxExportBatchSize: 100 });
    emit(0, 250);
    await provider.forceFlush();
    expect(bodies()).toEqual(range(0, 250));
    expect(receiver.requests.map((r) => r.records.length).sort()).toEqual([100, 100, 50]);
    expect(sink.stats()).toMatchObject({ received: 250, exported: 250, dropped: 0, queued: 0, inFlight: 0 });
    await provider.shutdown();
  });

  it('cuts batches at maxExportBatchBytes so that no request grows past what a collector takes', async () => {
    const { sink, provider } = setUp({ maxExportBatchBytes: 2_500_000 });
    const logger = provider.getLogger('uploads');
    const big = 'x'.repeat(1_000_000);
    for (let i = 0; i < 5; i++) logger.emit({ body: big, attributes: { n: i } });
    await provider.forceFlush();
    // Two requests may be in flight at once: they arrive in either order.
    expect(receiver.requests.map((r) => r.records.length).sort()).toEqual([1, 2, 2]);
    expect(receiver.records().map((r) => r.attributes['n']).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(sink.stats()).toMatchObject({ exported: 5, dropped: 0 });
    await provider.shutdown();
  });

  it('retries 429 and 503 as told by Retry-After, then delivers', async () => {
    useFakeTime();
    receiver.inject({ kind: 'status', status: 503, retryAfter: 1 });
    receiver.inject({ kind: 'status', status: 429 });
    const { sink, provider, emit } = setUp();
    emit(0, 3);
    await settle(provider.forceFlush());
    expect(bodies()).toEqual(range(0, 3));
    const [first, , third] = receiver.requests;
    expect(first!.status).toBe(503);
    expect(third!.status).toBe(200);
    expect(sink.stats()).toMatchObject({ exported: 3, failedAttempts: 2, retries: 2, dropped: 0 });
    await provider.shutdown();
  });

  it('waits the Retry-After delay before retrying, when within the backoff bounds', async () => {
    useFakeTime();
    receiver.inject({ kind: 'status', status: 503, retryAfter: 1 });
    const { provider, emit } = setUp({ retry: { ...quickRetry, maxIntervalMillis: 5_000 } });
    emit(0, 1);
    await advanceUntil(() => receiver.requests.length === 1);
    await settle(new Promise((resolve) => setTimeout(resolve, 900)));
    expect(receiver.requests).toHaveLength(1);
    await advanceUntil(() => receiver.records().length === 1);
    expect(receiver.requests.map((r) => r.status)).toEqual([503, 200]);
    await settle(provider.shutdown());
  });

  it('drops a batch refused with 400 without retrying, and counts it', async () => {
    receiver.inject({ kind: 'status', status: 400 });
    const { sink, provider, emit } = setUp({ maxExportBatchSize: 2 });
    emit(0, 2);
    await provider.forceFlush();
    emit(2, 4);
    await provider.forceFlush();
    expect(bodies()).toEqual(range(2, 4));
    expect(receiver.requests).toHaveLength(2);
    expect(sink.stats()).toMatchObject({ exported: 2, dropped: 2, droppedBy: { 'permanent-error': 2 }, retries: 0 });
    expect(sink.stats().lastError).toMatch(/^HTTP 400/);
    await provider.shutdown();
  });

  it('drops only the record it cannot encode, counted, and sends the rest of its batch', async () => {
    const { sink, provider, emit } = setUp({ protocol: 'http/json' });
    emit(0, 2);
    const broken = Object.assign(copyRecord(capture()), { hrTime: [Number.NaN, 0] });
    sink.onEmit(broken);
    emit(2, 4);
    await provider.forceFlush();
    expect(bodies()).toEqual(range(0, 4));
    expect(sink.stats()).toMatchObject({ received: 5, exported: 4, dropped: 1, droppedBy: { unencodable: 1 } });
    await provider.shutdown();
  });

  it.each(['http/protobuf', 'http/json'] as const)('reads partial success over %s and counts the rejected records', async (protocol) => {
    receiver.inject({ kind: 'partial-success', rejected: 2, message: 'too old' });
    const { sink, provider, emit } = setUp({ protocol });
    emit(0, 5);
    await provider.forceFlush();
    expect(receiver.requests.map((r) => [r.encoding, r.outcome])).toEqual([[protocol.slice(5), 'partial']]);
    expect(sink.stats()).toMatchObject({ received: 5, exported: 3, rejected: 2, dropped: 0 });
    await provider.shutdown();
  });

  it('gives up after the maximum elapsed time and counts the loss', async () => {
    useFakeTime();
    await receiver.stop();
    const { sink, provider, emit } = setUp({ retry: { initialIntervalMillis: 10, maxIntervalMillis: 20, maxElapsedMillis: 200 } });
    emit(0, 4);
    await settle(provider.forceFlush());
    expect(sink.stats()).toMatchObject({ received: 4, exported: 0, dropped: 4, droppedBy: { 'retry-exhausted': 4 } });
    expect(sink.stats().lastError).toMatch(/ECONNREFUSED/);
    await provider.shutdown();
  });

  it('keeps retrying through an outage and delivers everything once the collector is back', async () => {
    useFakeTime();
    await receiver.stop();
    const { sink, provider, emit } = setUp({ maxExportBatchSize: 50 });
    emit(0, 200);
    await advanceUntil(() => sink.stats().retries >= 8);
    await receiver.start();
    await settle(provider.forceFlush());
    expect(new Set(bodies())).toEqual(new Set(range(0, 200)));
    expect(sink.stats()).toMatchObject({ exported: 200, dropped: 0 });
    await provider.shutdown();
  });
});

describe('otlpSink queue bounds', () => {
  it('refuses new records when full with drop-newest, and counts them', async () => {
    useFakeTime();
    await receiver.stop();
    const { sink, provider, emit } = setUp({ maxQueueSize: 100, maxExportBatchSize: 100, overflow: 'drop-newest' });
    emit(0, 150);
    const held = sink.stats();
    expect(held.queued + held.inFlight).toBe(100);
    expect(held.droppedBy).toEqual({ 'queue-full': 50 });
    expectBalanced(held);
    await receiver.start();
    await settle(provider.forceFlush());
    expect(bodies()).toEqual(range(0, 100));
    await provider.shutdown();
  });

  it('makes room by dropping the oldest queued records with drop-oldest', async () => {
    await receiver.stop();
    useFakeTime();
    const { sink, provider, emit } = setUp({ maxQueueSize: 100, maxExportBatchSize: 10, maxConcurrentExports: 1, overflow: 'drop-oldest' });
    emit(0, 10);
    await advanceUntil(() => sink.stats().inFlight === 10);
    emit(10, 150);
    expect(sink.stats().droppedBy).toEqual({ 'queue-full': 50 });
    await receiver.start();
    await settle(provider.forceFlush());
    // The first batch was already being exported; the oldest of the queued ones made room.
    expect(bodies()).toEqual([...range(0, 10), ...range(60, 150)]);
    expectBalanced(sink.stats());
    await provider.shutdown();
  });

  it('bounds the queue by estimated bytes too', async () => {
    useFakeTime();
    await receiver.stop();
    const { sink, provider, emit } = setUp({ maxQueueBytes: 2000, maxExportBatchSize: 1000, flushTimeoutMillis: 100 });
    emit(0, 100);
    const stats = sink.stats();
    expect(stats.queued).toBeGreaterThan(0);
    expect(stats.queued).toBeLessThan(100);
    expect(stats.droppedBy['queue-full']).toBe(100 - stats.queued);
    await settle(provider.shutdown());
  });

  it('settles an awaited shutdown while retrying against a dead collector, in a process with nothing else to do', async () => {
    await receiver.stop();
    const script = fileURLToPath(new URL('./fixtures/shutdown-while-down.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [script, receiver.url], { timeout: 20_000 });
    expect(JSON.parse(stdout)).toEqual({ shutdown: 1 });
  });

  it('counts what is still queued or retrying at shutdown as dropped', async () => {
    useFakeTime();
    await receiver.stop();
    const { sink, provider, emit } = setUp({ flushTimeoutMillis: 100 });
    emit(0, 30);
    await settle(provider.shutdown());
    expect(sink.stats()).toMatchObject({ received: 30, exported: 0, queued: 0, inFlight: 0, dropped: 30, droppedBy: { shutdown: 30 } });
    await provider.shutdown();
  });
});
