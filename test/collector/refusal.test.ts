import { setGlobalErrorHandler } from '@opentelemetry/core';
import { otlpSink } from '@logweave/otlp';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCollector } from './build.ts';
import { startCollector, stopAllCollectors } from './support/collector.ts';
import { app, sortedIds } from './support/emitter.ts';
import { ids, waitUntil } from './support/wait.ts';

beforeAll(async () => {
  await buildCollector();
}, 15 * 60_000);

let backend: OtlpReceiver;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  backend = await startOtlpReceiver();
}, 30_000);
afterEach(async () => {
  await stopAllCollectors();
  await backend.close();
}, 30_000);
afterAll(() => stopAllCollectors());

/** Limits no Collector process stays under: its memory_limiter refuses everything. */
const starved = { MEMORY_LIMIT_MIB: '2', MEMORY_SPIKE_LIMIT_MIB: '1', MEMORY_CHECK_INTERVAL: '50ms' };
const roomy = { MEMORY_LIMIT_MIB: '400', MEMORY_SPIKE_LIMIT_MIB: '80' };
const fastRetry = { initialIntervalMillis: 50, maxIntervalMillis: 100, randomizationFactor: 0 };

describe.each(['http/protobuf', 'grpc'] as const)('Collector memory_limiter pushing back (%s)', { timeout: 30_000 }, (protocol) => {
  it('retries refused batches (HTTP 503 / gRPC UNAVAILABLE) and delivers every record once the limiter lets data in', async () => {
    const collector = await startCollector({ exportEndpoint: backend.url, env: starved });
    await waitUntil(() => collector.log().includes('Refusing data'), 'memory_limiter refusing data');
    const endpoint = protocol === 'grpc' ? collector.grpcUrl : collector.httpUrl;
    const sink = otlpSink({ endpoint, protocol, maxExportBatchSize: 10, scheduledDelayMillis: 10, retry: fastRetry });
    const { provider, emit } = app(sink);

    emit('m', 0, 50);
    await waitUntil(() => sink.stats().failedAttempts >= 5, 'five refused attempts');
    expect(sink.stats()).toMatchObject({ exported: 0, dropped: 0 });
    expect(sink.stats().lastError).toMatch(protocol === 'grpc' ? /UNAVAILABLE/ : /503/);
    expect(sink.stats().lastError).toMatch(/data refused due to high memory usage/);
    expect(backend.records()).toEqual([]);

    // Pressure gone: the same Collector, restarted with room, on the same ports.
    await collector.stop();
    await collector.start(roomy);
    await provider.forceFlush();
    await backend.waitForRecords(50);

    expect(sortedIds(backend.records())).toEqual(ids('m', 0, 50));
    expect(sink.stats()).toMatchObject({ received: 50, exported: 50, dropped: 0, rejected: 0 });
    expect(sink.stats().retries).toBeGreaterThanOrEqual(5);
    await provider.shutdown();
  });
});

describe('Collector max_request_body_size', { timeout: 30_000 }, () => {
  const limit = { MAX_REQUEST_BODY_BYTES: String(64 * 1024) };

  it('refuses a larger request with 400, which logweave counts as permanent-error without retrying', async () => {
    const collector = await startCollector({ exportEndpoint: backend.url, env: limit });
    // 100 records of ~1 KiB in one batch: ~100 KiB on the wire, above the Collector's 64 KiB.
    const sink = otlpSink({ endpoint: collector.httpUrl, maxExportBatchSize: 100, scheduledDelayMillis: 10, retry: fastRetry });
    const { provider, emit } = app(sink);

    emit('big', 0, 100, { bodyBytes: 1000 });
    await provider.forceFlush();

    expect(backend.records()).toEqual([]);
    expect(sink.stats()).toMatchObject({
      received: 100,
      exported: 0,
      dropped: 100,
      droppedBy: { 'permanent-error': 100 },
      failedAttempts: 1,
      retries: 0,
    });
    expect(sink.stats().lastError).toMatch(/400/);
    await provider.shutdown();
  });

  it('delivers the same records when maxExportBatchBytes keeps each request under the limit', async () => {
    const collector = await startCollector({ exportEndpoint: backend.url, env: limit });
    const sink = otlpSink({
      endpoint: collector.httpUrl,
      maxExportBatchSize: 100,
      maxExportBatchBytes: 32 * 1024,
      scheduledDelayMillis: 10,
      retry: fastRetry,
    });
    const { provider, emit } = app(sink);

    emit('big', 0, 100, { bodyBytes: 1000 });
    await provider.forceFlush();
    await backend.waitForRecords(100);

    expect(sortedIds(backend.records())).toEqual(ids('big', 0, 100));
    expect(sink.stats()).toMatchObject({ received: 100, exported: 100, dropped: 0, failedAttempts: 0 });
    await provider.shutdown();
  });
});

describe('Collector max_recv_msg_size_mib (gRPC)', { timeout: 30_000 }, () => {
  const limit = { MAX_RECV_MSG_SIZE_MIB: '1' };

  it('refuses a larger message with RESOURCE_EXHAUSTED and no RetryInfo, which logweave counts as permanent-error without retrying', async () => {
    const collector = await startCollector({ exportEndpoint: backend.url, env: limit });
    // 1,200 records of ~1 KiB in one batch: above the Collector's 1 MiB.
    const sink = otlpSink({ endpoint: collector.grpcUrl, protocol: 'grpc', maxExportBatchSize: 1200, scheduledDelayMillis: 10, retry: fastRetry });
    const { provider, emit } = app(sink);

    emit('huge', 0, 1200, { bodyBytes: 1000 });
    await provider.forceFlush();

    expect(backend.records()).toEqual([]);
    expect(sink.stats()).toMatchObject({ received: 1200, exported: 0, dropped: 1200, droppedBy: { 'permanent-error': 1200 }, failedAttempts: 1, retries: 0 });
    expect(sink.stats().lastError).toMatch(/RESOURCE_EXHAUSTED/);
    await provider.shutdown();
  });

  it('delivers the same records when maxExportBatchBytes keeps each message under the limit', async () => {
    const collector = await startCollector({ exportEndpoint: backend.url, env: limit });
    const sink = otlpSink({ endpoint: collector.grpcUrl, protocol: 'grpc', maxExportBatchSize: 1200, maxExportBatchBytes: 512 * 1024, scheduledDelayMillis: 10, retry: fastRetry });
    const { provider, emit } = app(sink);

    emit('huge', 0, 1200, { bodyBytes: 1000 });
    await provider.forceFlush();
    await backend.waitForRecords(1200);

    expect(sortedIds(backend.records())).toEqual(ids('huge', 0, 1200));
    expect(sink.stats()).toMatchObject({ received: 1200, exported: 1200, dropped: 0, failedAttempts: 0 });
    await provider.shutdown();
  });
});
