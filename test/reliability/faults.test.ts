import { setGlobalErrorHandler } from '@opentelemetry/core';
import type { OtlpSinkOptions } from '@logweave/otlp';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectEveryRequestDecoded, expectSinkSettled, receivedIds } from './support/checks.ts';
import { ID, providerTo } from './support/full-pipeline.ts';

let receiver: OtlpReceiver;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  receiver = await startOtlpReceiver();
});
afterEach(() => receiver.close());

/** Every fault test sends its records in batches of 10 through the whole pipeline. */
function setUp(sink: OtlpSinkOptions = {}) {
  const { provider, sink: otlp, logger } = providerTo(receiver.url, { sink: { maxExportBatchSize: 10, ...sink } });
  const emit = (from: number, to: number) => {
    for (let i = from; i < to; i++) logger.emit({ severityNumber: 9, body: `order ${i}`, attributes: { [ID]: `r${i}` } });
  };
  return { provider, sink: otlp, emit };
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `r${from + i}`);

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('otlpSink against collector faults: what becomes of every record', { timeout: 20_000 }, () => {
  it('refused connections: the batch is retried until the collector listens again, then every record is exported once', async () => {
    await receiver.stop();
    const { provider, sink, emit } = setUp();
    emit(0, 10);
    await waitUntil(() => sink.stats().failedAttempts >= 2);
    await receiver.start();
    await provider.forceFlush();

    expect(receivedIds(receiver)).toEqual(ids(0, 10));
    expect(sink.stats()).toMatchObject({ exported: 10, dropped: 0, rejected: 0 });
    expect(sink.stats().lastError).toMatch(/ECONNREFUSED/);
    expectEveryRequestDecoded(receiver);
    await provider.shutdown();
  });

  it('refused for longer than maxElapsedMillis: the batch is dropped as retry-exhausted, later records are exported', async () => {
    await receiver.stop();
    const { provider, sink, emit } = setUp({ retry: { initialIntervalMillis: 20, maxIntervalMillis: 50, maxElapsedMillis: 300 } });
    emit(0, 10);
    await provider.forceFlush();
    await receiver.start();
    emit(10, 20);
    await provider.forceFlush();

    expect(receivedIds(receiver)).toEqual(ids(10, 20));
    expect(sink.stats()).toMatchObject({ received: 20, exported: 10, dropped: 10, droppedBy: { 'retry-exhausted': 10 } });
    expectSinkSettled(sink.stats());
    await provider.shutdown();
  });

  it('connection reset mid-body: the batch is sent again and every record arrives exactly once', async () => {
    receiver.inject({ kind: 'reset' });
    const { provider, sink, emit } = setUp();
    emit(0, 10);
    await provider.forceFlush();

    expect(receivedIds(receiver)).toEqual(ids(0, 10));
    expect(sink.stats()).toMatchObject({ exported: 10, dropped: 0, failedAttempts: 1, retries: 1 });
    expectEveryRequestDecoded(receiver);
    await provider.shutdown();
  });

  it.each([
    { status: 429, retryAfter: () => 1 },
    { status: 503, retryAfter: () => new Date(Date.now() + 1500).toUTCString() },
  ])('$status with Retry-After: the batch waits as told instead of the 60 s backoff, then every record is exported once', async ({ status, retryAfter }) => {
    // A first plain 503 takes the 1 s initial interval; the next backoff would be 60 s.
    receiver.inject({ kind: 'status', status: 503 });
    receiver.inject({ kind: 'status', status, retryAfter: retryAfter() });
    const { provider, sink, emit } = setUp({
      retry: { initialIntervalMillis: 1000, multiplier: 60, randomizationFactor: 0, maxIntervalMillis: 60_000, maxElapsedMillis: 300_000 },
      flushTimeoutMillis: 15_000,
    });
    emit(0, 10);
    await provider.forceFlush();

    expect(receiver.requests.map((r) => r.status)).toEqual([503, status, 200]);
    expect(receivedIds(receiver)).toEqual(ids(0, 10));
    expect(sink.stats()).toMatchObject({ exported: 10, dropped: 0, failedAttempts: 2, retries: 2 });
    await provider.shutdown();
  });

  it('400 is permanent: that batch is dropped at once as permanent-error, never retried; the next batch is exported', async () => {
    receiver.inject({ kind: 'status', status: 400 });
    const { provider, sink, emit } = setUp();
    emit(0, 10);
    await provider.forceFlush();
    emit(10, 20);
    await provider.forceFlush();

    expect(receiver.requests.map((r) => r.status)).toEqual([400, 200]);
    expect(receivedIds(receiver)).toEqual(ids(10, 20));
    expect(sink.stats()).toMatchObject({ exported: 10, dropped: 10, droppedBy: { 'permanent-error': 10 }, retries: 0 });
    expectSinkSettled(sink.stats());
    await provider.shutdown();
  });

  it('partial success: the collector decoded all 10 and rejected 3 of them; the sink counts 3 rejected, 7 exported, retries none', async () => {
    receiver.inject({ kind: 'partial-success', rejected: 3, message: 'quota exceeded for 3 records' });
    const { provider, sink, emit } = setUp();
    emit(0, 10);
    await provider.forceFlush();

    expect(receiver.requests.map((r) => r.outcome)).toEqual(['partial']);
    expect(receivedIds(receiver)).toEqual(ids(0, 10));
    expect(sink.stats()).toMatchObject({ received: 10, exported: 7, rejected: 3, dropped: 0, retries: 0 });
    expectSinkSettled(sink.stats());
    await provider.shutdown();
  });

  // The 30 s hang is modelled with timeoutMillis: 2 s. What the sink does depends on its
  // timeout, not on how long the collector would have hung, so a real 30 s wait is not spent here.
  it('a collector that never answers: the request times out after timeoutMillis, the batch is sent again and every record is exported once', async () => {
    receiver.inject({ kind: 'hang' });
    const { provider, sink, emit } = setUp({ timeoutMillis: 2000 });
    emit(0, 10);
    await provider.forceFlush();

    expect(receivedIds(receiver)).toEqual(ids(0, 10));
    expect(sink.stats()).toMatchObject({ exported: 10, dropped: 0, failedAttempts: 1, retries: 1 });
    expect(sink.stats().lastError).toMatch(/no complete response within 2000 ms/);
    await provider.shutdown();
  });

  it('a collector slower than timeoutMillis that still processes the request: every record arrives twice (delivery is at-least-once)', async () => {
    receiver.inject({ kind: 'delay', ms: 1500 });
    const { provider, sink, emit } = setUp({ timeoutMillis: 500 });
    emit(0, 10);
    await provider.forceFlush();
    await receiver.waitForRecords(20);

    expect(receivedIds(receiver)).toEqual([...ids(0, 10), ...ids(0, 10)]);
    expect(sink.stats()).toMatchObject({ exported: 10, dropped: 0, failedAttempts: 1, retries: 1 });
    // The copies carry the same log.record.uid (enrich's recordUid), so a back-end can drop them.
    const uids = receiver.records().map((r) => r.attributes['log.record.uid']);
    expect(new Set(uids).size).toBe(10);
    await provider.shutdown();
  });
});
