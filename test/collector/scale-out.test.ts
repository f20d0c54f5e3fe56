import { setGlobalErrorHandler } from '@opentelemetry/core';
import { otlpSink, otlpTarget } from '@logweave/otlp';
import { failover, loadBalance } from '@logweave/router';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedLogRecord } from '@logweave/testing';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildCollector } from './build.ts';
import { freePort, startCollector, stopAllCollectors, type Collector } from './support/collector.ts';
import { app, ID, idsOf, sortedIds } from './support/emitter.ts';
import { ids, waitUntil } from './support/wait.ts';

beforeAll(async () => {
  await buildCollector();
}, 15 * 60_000);

/** Two gateways (configs/gateway.yaml), each exporting to a backend of its own. */
let backends: OtlpReceiver[];
let gateways: Collector[];
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  backends = [await startOtlpReceiver(), await startOtlpReceiver()];
  gateways = await Promise.all(backends.map((b) => startCollector({ config: 'gateway.yaml', exportEndpoint: b.url })));
}, 30_000);
afterEach(async () => {
  await stopAllCollectors();
  await Promise.all(backends.map((b) => b.close()));
}, 30_000);

const fastRetry = { initialIntervalMillis: 50, maxIntervalMillis: 200, randomizationFactor: 0, maxElapsedMillis: 0 };
const TRACES = 16;
/** Record i belongs to trace i % TRACES; trace ids differ in their low bits, where loadBalance keys. */
const traceOf = (i: number) => `5b8efff798038103d269b633${(0x10000000 + (i % TRACES) * 7919).toString(16).padStart(8, '0')}`;

/** Which gateway (0 or 1) each trace's records reached; a trace seen at both maps to 'both'. */
function gatewayByTrace(records: readonly ReceivedLogRecord[][]): Map<string, number | 'both'> {
  const seen = new Map<string, number | 'both'>();
  records.forEach((list, gateway) => {
    for (const r of list) {
      const before = seen.get(r.traceId);
      seen.set(r.traceId, before === undefined || before === gateway ? gateway : 'both');
    }
  });
  return seen;
}

const recordsOf = (prefix: string) => backends.map((b) => b.records().filter((r) => String(r.attributes[ID]).startsWith(prefix)));

describe('loadBalance by trace id across two Collector gateways', { timeout: 40_000 }, () => {
  it("keeps each trace's records at one gateway, spreads traces over both, and loses none while one restarts", async () => {
    const target = loadBalance(gateways.map((g) => otlpTarget({ endpoint: g.httpUrl })), { by: 'traceId', cooldownMillis: 100 });
    const sink = otlpSink({ target, maxExportBatchSize: 50, scheduledDelayMillis: 5, retry: fastRetry });
    const { provider, emit } = app(sink);

    // Both up: every trace lands whole at one gateway, and each gateway gets some traces.
    emit('a', 0, 160, { traceId: traceOf });
    await provider.forceFlush();
    await waitUntil(() => recordsOf('a').flat().length === 160, '160 records at the backends');
    const placement = gatewayByTrace(recordsOf('a'));
    expect(placement.size).toBe(TRACES);
    expect([...placement.values()].filter((g) => g === 'both')).toEqual([]);
    expect(new Set(placement.values())).toEqual(new Set([0, 1]));

    // Gateway 1 restarts: its traces go to gateway 0 meanwhile, and none is lost.
    await gateways[1]!.stop();
    emit('b', 0, 160, { traceId: traceOf });
    await provider.forceFlush();
    await waitUntil(() => recordsOf('b').flat().length >= 160, '160 records at the backends during the restart');
    expect(recordsOf('b')[1]).toEqual([]);
    await gateways[1]!.start();

    // Back up after its cooldown: each trace returns to the gateway it had before.
    await new Promise((resolve) => setTimeout(resolve, 150));
    emit('c', 0, 160, { traceId: traceOf });
    await provider.forceFlush();
    await waitUntil(() => recordsOf('c').flat().length >= 160, '160 records at the backends after the restart');
    expect(gatewayByTrace(recordsOf('c'))).toEqual(placement);

    for (const prefix of ['a', 'b', 'c']) expect(sortedIds(recordsOf(prefix).flat())).toEqual(ids(prefix, 0, 160));
    expect(sink.stats()).toMatchObject({ received: 480, exported: 480, dropped: 0 });
    await provider.shutdown();
  });
});

describe('failover from a dead endpoint to a live Collector', { timeout: 40_000 }, () => {
  it('delivers every record to the live Collector while the first endpoint refuses connections, then returns to it', async () => {
    const deadPort = await freePort(); // nothing listens here until the primary starts below
    const primaryEndpoint = `http://127.0.0.1:${deadPort}`;
    const target = failover([otlpTarget({ endpoint: primaryEndpoint }), otlpTarget({ endpoint: gateways[1]!.httpUrl })], { cooldownMillis: 100 });
    const sink = otlpSink({ target, maxExportBatchSize: 10, scheduledDelayMillis: 5, retry: fastRetry });
    const { provider, emit } = app(sink);

    emit('f', 0, 100);
    await provider.forceFlush();
    await backends[1]!.waitForRecords(100);
    expect(sortedIds(backends[1]!.records())).toEqual(ids('f', 0, 100));
    expect(sink.stats()).toMatchObject({ received: 100, exported: 100, dropped: 0 });
    // `healthy` of the primary is time-based (its 100 ms cooldown): its failures are what show.
    const [primary, secondary] = sink.stats().targets!;
    expect(primary!.failures).toBeGreaterThan(0);
    expect(secondary).toMatchObject({ failures: 0, healthy: true });

    // The primary Collector comes up on that port: after the cooldown, records go there again.
    const revived = await startCollector({ config: 'gateway.yaml', exportEndpoint: backends[0]!.url, httpPort: deadPort });
    expect(revived.httpUrl).toBe(primaryEndpoint);
    await new Promise((resolve) => setTimeout(resolve, 150));
    emit('g', 0, 50);
    await provider.forceFlush();
    await backends[0]!.waitForRecords(50);
    expect(sortedIds(backends[0]!.records())).toEqual(ids('g', 0, 50));
    expect(idsOf(backends[1]!.records()).filter((id) => id.startsWith('g'))).toEqual([]);
    await provider.shutdown();
  });

  it('moves records to the second Collector while the first refuses them with memory_limiter (503, retryable)', async () => {
    await gateways[0]!.stop();
    await gateways[0]!.start({ MEMORY_LIMIT_MIB: '2', MEMORY_SPIKE_LIMIT_MIB: '1', MEMORY_CHECK_INTERVAL: '50ms' });
    await waitUntil(() => gateways[0]!.log().includes('Refusing data'), 'the first gateway refusing data');
    const target = failover(gateways.map((g) => otlpTarget({ endpoint: g.httpUrl })), { cooldownMillis: 60_000 });
    const sink = otlpSink({ target, maxExportBatchSize: 10, scheduledDelayMillis: 5, retry: fastRetry });
    const { provider, emit } = app(sink);

    emit('h', 0, 100);
    await provider.forceFlush();
    await backends[1]!.waitForRecords(100);

    expect(sortedIds(backends[1]!.records())).toEqual(ids('h', 0, 100));
    expect(backends[0]!.records()).toEqual([]);
    expect(sink.stats()).toMatchObject({ received: 100, exported: 100, dropped: 0 });
    // Each request in flight when the first refusal came back met it once (maxConcurrentExports: 2).
    const [first, second] = sink.stats().targets!;
    expect(first).toMatchObject({ healthy: false });
    expect(first!.failures).toBeGreaterThanOrEqual(1);
    expect(first!.failures).toBeLessThanOrEqual(2);
    expect(second).toMatchObject({ failures: 0, attempts: 10 });
    await provider.shutdown();
  });
});
