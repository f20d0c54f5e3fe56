import { setGlobalErrorHandler } from '@opentelemetry/core';
import { otlpSink } from '@logweave/otlp';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCollector } from './build.ts';
import { startCollector, stopAllCollectors, type Collector } from './support/collector.ts';
import { app, idsOf, sortedIds } from './support/emitter.ts';
import { ids, waitUntil } from './support/wait.ts';

beforeAll(async () => {
  await buildCollector();
}, 15 * 60_000);

/** An agent whose exporter queue holds 200 records, retrying its gateway every 100 ms. */
const smallAgent = { QUEUE_ITEMS: '200', BATCH_MIN_ITEMS: '50', EXPORT_RETRY_INTERVAL: '100ms' };
const RECORDS = 2000;

let backend: OtlpReceiver;
let gateway: Collector;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  backend = await startOtlpReceiver();
  gateway = await startCollector({ config: 'gateway.yaml', exportEndpoint: backend.url });
}, 30_000);
afterEach(async () => {
  await stopAllCollectors();
  await backend.close();
}, 30_000);

/** Streams RECORDS records through `agent` in 40 spaced requests while the gateway is down, then brings it back. */
async function gatewayOutage(agent: Collector) {
  await gateway.stop();
  const sink = otlpSink({
    endpoint: agent.httpUrl,
    maxExportBatchSize: 50,
    scheduledDelayMillis: 5,
    retry: { initialIntervalMillis: 50, maxIntervalMillis: 200, randomizationFactor: 0, maxElapsedMillis: 0 },
  });
  const { provider, emit } = app(sink);
  for (let chunk = 0; chunk < RECORDS / 50; chunk++) {
    emit('o', chunk * 50, chunk * 50 + 50);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const duringOutage = sink.stats();
  await gateway.start();
  await provider.forceFlush();
  return { sink, provider, duringOutage };
}

/** Waits until the backend's count has not moved for a second: the agent has nothing left to send. */
async function backendSettled(): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  await waitUntil(() => {
    const count = backend.records().length;
    if (count !== last) [last, stableSince] = [count, Date.now()];
    return Date.now() - stableSince > 1000;
  }, 'the backend count to settle');
}

describe('a gateway outage longer than the agent queue', { timeout: 40_000 }, () => {
  it('configs/agent.yaml (batching in the exporter): the full queue answers 503 and logweave holds and retries — every record arrives', async () => {
    const agent = await startCollector({ config: 'agent.yaml', exportEndpoint: gateway.httpUrl, env: smallAgent });
    const { sink, provider, duringOutage } = await gatewayOutage(agent);
    expect(duringOutage.lastError).toMatch(/503.*sending queue is full/s);
    expect(duringOutage.queued + duringOutage.inFlight).toBeGreaterThan(0);

    await waitUntil(() => new Set(idsOf(backend.records())).size >= RECORDS, `all ${RECORDS} records at the backend`, 30_000);
    expect([...new Set(sortedIds(backend.records()))]).toEqual(ids('o', 0, RECORDS));
    expect(sink.stats()).toMatchObject({ received: RECORDS, exported: RECORDS, dropped: 0 });
    await provider.shutdown();
  });

  it('configs/agent-batch-processor.yaml: the batch processor accepts everything and drops at the full queue, unseen by the sender', async () => {
    const agent = await startCollector({ config: 'agent-batch-processor.yaml', exportEndpoint: gateway.httpUrl, env: smallAgent });
    const { sink, provider, duringOutage } = await gatewayOutage(agent);
    expect(duringOutage).toMatchObject({ failedAttempts: 0, dropped: 0 });

    await backendSettled();
    expect(sink.stats()).toMatchObject({ received: RECORDS, exported: RECORDS, dropped: 0 });
    expect(backend.records().length).toBeLessThan(RECORDS);
    expect(agent.log()).toMatch(/Sender failed.*sending queue is full/);
    await provider.shutdown();
  });
});
