import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { otlpSink } from '@logweave/otlp';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCollector } from './build.ts';
import { startCollector, stopAllCollectors, type Collector } from './support/collector.ts';
import { app, idsOf, sortedIds } from './support/emitter.ts';
import { ids, waitUntil } from './support/wait.ts';

beforeAll(async () => {
  await buildCollector();
}, 15 * 60_000);

let backend: OtlpReceiver;
let collector: Collector;
let dir: string;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  backend = await startOtlpReceiver();
  collector = await startCollector({ exportEndpoint: backend.url });
  dir = mkdtempSync(join(tmpdir(), 'logweave-collector-'));
}, 30_000);
afterEach(async () => {
  await stopAllCollectors();
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
}, 30_000);
afterAll(() => stopAllCollectors());

const fastRetry = { initialIntervalMillis: 50, maxIntervalMillis: 200, randomizationFactor: 0 };
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('Collector stopped mid-stream and restarted', { timeout: 40_000 }, () => {
  it.each(['http/protobuf', 'grpc'] as const)('durable mode (%s): every record confirmed by forceFlush arrives after the restart', async (protocol) => {
    const sink = otlpSink({
      endpoint: protocol === 'grpc' ? collector.grpcUrl : collector.httpUrl,
      protocol,
      maxExportBatchSize: 20,
      scheduledDelayMillis: 5,
      retry: { ...fastRetry, maxElapsedMillis: 0 },
      durable: { dir, fsync: 'never' },
    });
    const { provider, emit } = app(sink);

    // A steady stream, 10 records per tick; the Collector goes away while it runs.
    let sent = 0;
    const stream = async (ticks: number) => {
      for (let t = 0; t < ticks; t++, sent += 10) {
        emit('d', sent, sent + 10);
        await tick();
      }
    };
    await stream(20);
    const stopping = collector.stop();
    await stream(20);
    await stopping;
    await stream(20);
    await provider.forceFlush(); // every record handed over is on disk: the confirmation
    expect(sink.stats()).toMatchObject({ received: sent, dropped: 0 });
    expect(sink.stats().failedAttempts).toBeGreaterThan(0);

    await collector.start();
    await waitUntil(() => new Set(idsOf(backend.records())).size >= sent, `all ${sent} records at the backend`);

    // At least once: a request cut by the shutdown may be sent again, but none is missing.
    expect([...new Set(sortedIds(backend.records()))]).toEqual(ids('d', 0, sent));
    await waitUntil(() => sink.stats().exported === sent, 'the sink to count every record exported');
    await provider.shutdown();
  });

  it('durable mode across an application restart: records confirmed while the Collector was down arrive from the next process', async () => {
    await collector.stop();
    const durable = { dir, fsync: 'always' as const };
    // flushTimeoutMillis bounds both forceFlush (time to reach the disk, under a loaded machine too)
    // and shutdown (time the sender keeps trying the stopped Collector).
    const options = { endpoint: collector.httpUrl, maxExportBatchSize: 20, scheduledDelayMillis: 5, flushTimeoutMillis: 2000, retry: { ...fastRetry, maxElapsedMillis: 0 } };
    const first = app(otlpSink({ ...options, durable }));
    first.emit('p', 0, 100);
    await first.provider.forceFlush(); // confirmed: on disk
    await first.provider.shutdown(); // the application stops with the Collector still down

    await collector.start();
    const sink = otlpSink({ ...options, durable });
    const second = app(sink);
    await waitUntil(() => new Set(idsOf(backend.records())).size >= 100, 'the replayed records at the backend');

    expect([...new Set(sortedIds(backend.records()))]).toEqual(ids('p', 0, 100));
    expect(sink.stats()).toMatchObject({ replayed: 100, dropped: 0 });
    await second.provider.shutdown();
  });

  it('non-durable: what the queue cannot hold during the outage is dropped and counted as queue-full; the rest arrives', async () => {
    const sink = otlpSink({
      endpoint: collector.httpUrl,
      maxQueueSize: 100,
      maxExportBatchSize: 10,
      scheduledDelayMillis: 5,
      retry: { ...fastRetry, maxElapsedMillis: 0 },
    });
    const { provider, emit } = app(sink);

    emit('n', 0, 30);
    await provider.forceFlush();
    await backend.waitForRecords(30);
    await collector.stop();

    emit('n', 30, 330); // the queue holds 100 of these 300 and refuses the newest 200
    await waitUntil(() => sink.stats().failedAttempts > 0, 'an export failing against the stopped Collector');
    expect(sink.stats()).toMatchObject({ received: 330, exported: 30, dropped: 200, droppedBy: { 'queue-full': 200 } });

    await collector.start();
    await provider.forceFlush();
    await backend.waitForRecords(130);

    expect(sortedIds(backend.records())).toEqual(ids('n', 0, 130));
    expect(sink.stats()).toMatchObject({ received: 330, queued: 0, inFlight: 0, exported: 130, dropped: 200 });
    await provider.shutdown();
  });
});
