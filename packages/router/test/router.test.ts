import { context, SeverityNumber, trace, TraceFlags } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { attr, pipeline, severityAtLeast, not, type Sink } from '@logweave/core';
import { otlpSink, type OtlpSinkOptions } from '@logweave/otlp';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failover, loadBalance, route } from '../src/index.ts';

const quick: OtlpSinkOptions = {
  scheduledDelayMillis: 10,
  retry: { initialIntervalMillis: 20, maxIntervalMillis: 40, maxElapsedMillis: 20_000 },
};

let receivers: OtlpReceiver[] = [];
beforeEach(() => setGlobalErrorHandler(() => {}));
afterEach(async () => {
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

async function receiversOf(n: number): Promise<OtlpReceiver[]> {
  receivers = await Promise.all(Array.from({ length: n }, () => startOtlpReceiver()));
  return receivers;
}

function loggerFor(sink: Sink) {
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  return { provider, logger: provider.getLogger('gateway') };
}

const bodiesOf = (r: OtlpReceiver) => r.records().map((x) => x.body);

describe('route', () => {
  it('sends each record to the right collectors while one is down, one slow and one answering 503', async () => {
    const [mainRx, siemRx, archiveRx] = await receiversOf(3);
    mainRx!.inject({ kind: 'delay', ms: 300 }, Infinity);
    siemRx!.inject({ kind: 'status', status: 503 }, 2);
    await archiveRx!.stop();
    const main = otlpSink({ ...quick, endpoint: mainRx!.url, name: 'main' });
    const siem = otlpSink({ ...quick, endpoint: siemRx!.url, name: 'siem' });
    const archive = otlpSink({ ...quick, endpoint: archiveRx!.url, name: 'archive', flushTimeoutMillis: 200 });
    const router = route({
      mode: 'all',
      routes: [
        { name: 'security', when: attr('log.type', 'security'), to: siem },
        { name: 'main', when: severityAtLeast('INFO'), to: main },
        { name: 'debug-archive', when: not(severityAtLeast('INFO')), to: archive },
      ],
    });
    const { provider, logger } = loggerFor(router);
    logger.emit({ severityNumber: SeverityNumber.WARN, body: 'login failed for u-1', attributes: { 'log.type': 'security' } });
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'GET /cart 200' });
    logger.emit({ severityNumber: SeverityNumber.DEBUG, body: 'cache miss' });
    logger.emit({ severityNumber: SeverityNumber.ERROR, body: 'firewall blocked 10.0.0.9', attributes: { 'log.type': 'security' } });
    logger.emit({ body: 'no severity' });

    // The slow and the failing collectors get theirs while the dead one is still being retried.
    await Promise.all([mainRx!.waitForRecords(3), siemRx!.waitForRecords(2)]);
    expect(archive.stats().failedAttempts).toBeGreaterThan(0);
    await provider.shutdown();

    expect(bodiesOf(mainRx!)).toEqual(['login failed for u-1', 'GET /cart 200', 'firewall blocked 10.0.0.9']);
    expect(bodiesOf(siemRx!)).toEqual(['login failed for u-1', 'firewall blocked 10.0.0.9']);
    expect(siemRx!.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(bodiesOf(archiveRx!)).toEqual([]);
    // Below INFO includes records with no severity at all.
    expect(archive.stats()).toMatchObject({ received: 2, exported: 0, dropped: 2, droppedBy: { shutdown: 2 } });
    expect(router.stats()).toEqual({
      routed: { security: 2, main: 3, 'debug-archive': 2 },
      defaulted: 0,
      unrouted: 0,
      predicateErrors: {},
    });
  });

  it('sends to the first matching route only in first mode, and the rest to the default', async () => {
    const [siemRx, mainRx] = await receiversOf(2);
    const siem = otlpSink({ ...quick, endpoint: siemRx!.url });
    const main = otlpSink({ ...quick, endpoint: mainRx!.url });
    const router = route({ routes: [{ name: 'security', when: attr('log.type', /^(security|audit)$/), to: siem }], default: main });
    const { provider, logger } = loggerFor(router);
    logger.emit({ body: 'role granted', attributes: { 'log.type': 'audit' } });
    logger.emit({ body: 'GET /' });
    await provider.shutdown();
    expect(bodiesOf(siemRx!)).toEqual(['role granted']);
    expect(bodiesOf(mainRx!)).toEqual(['GET /']);
    expect(router.stats()).toMatchObject({ routed: { security: 1 }, defaulted: 1, unrouted: 0 });
  });

  it('counts records that match no route when there is no default', async () => {
    const [rx] = await receiversOf(1);
    const router = route({ routes: [{ name: 'errors', when: severityAtLeast('ERROR'), to: otlpSink({ ...quick, endpoint: rx!.url }) }] });
    const { provider, logger } = loggerFor(router);
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'ignored' });
    logger.emit({ severityNumber: SeverityNumber.ERROR, body: 'kept' });
    await provider.shutdown();
    expect(bodiesOf(rx!)).toEqual(['kept']);
    expect(router.stats()).toMatchObject({ routed: { errors: 1 }, unrouted: 1 });
  });

  it('treats a throwing predicate as no match and counts it', async () => {
    const [rx] = await receiversOf(1);
    const router = route({
      routes: [{ name: 'broken', when: () => { throw new Error('bug'); }, to: otlpSink({ ...quick, endpoint: rx!.url }) }],
      default: otlpSink({ ...quick, endpoint: rx!.url, name: 'fallback' }),
    });
    const { provider, logger } = loggerFor(router);
    logger.emit({ body: 'still delivered' });
    await provider.shutdown();
    expect(bodiesOf(rx!)).toEqual(['still delivered']);
    expect(router.stats().predicateErrors).toEqual({ broken: 1 });
  });

  it.each([
    [{ routes: 'x' }, 'route: options.routes must be an array of { name, when, to }'],
    [{ routes: [{ name: 'a', when: () => true, to: [] }] }, 'route: routes[0].to must be a sink or a non-empty array of sinks'],
    [{ routes: [{ name: '', when: () => true, to: [] }] }, 'route: routes[0] needs a non-empty name'],
    [{ routes: [], mode: 'some' }, "route: mode must be 'first' or 'all'; got 'some'"],
  ])('refuses %j at set-up', (options, message) => {
    expect(() => route(options as never)).toThrow(new TypeError(message));
  });
});

describe('failover', () => {
  it('sends to B while A is down and returns to A once it is back', async () => {
    const [aRx, bRx] = await receiversOf(2);
    await aRx!.stop();
    const sink = failover(
      [otlpSink({ endpoint: aRx!.url, name: 'a' }), otlpSink({ endpoint: bRx!.url, name: 'b' })],
      { ...quick, cooldownMillis: 100 },
    );
    const { provider, logger } = loggerFor(sink);
    logger.emit({ body: 'during outage 1' });
    await provider.forceFlush();
    logger.emit({ body: 'during outage 2' });
    await provider.forceFlush();
    expect(sink.stats().targets.map((t) => [t.name, t.healthy])).toEqual([['a', false], ['b', true]]);
    await aRx!.start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    logger.emit({ body: 'after recovery' });
    await provider.shutdown();
    expect(bodiesOf(bRx!)).toEqual(['during outage 1', 'during outage 2']);
    expect(bodiesOf(aRx!)).toEqual(['after recovery']);
    expect(sink.stats()).toMatchObject({ exported: 3, dropped: 0 });
  });

  it('retries the whole list with backoff while every collector is down', async () => {
    const [aRx, bRx] = await receiversOf(2);
    await aRx!.stop();
    await bRx!.stop();
    const sink = failover([otlpSink({ endpoint: aRx!.url }), otlpSink({ endpoint: bRx!.url })], { ...quick, cooldownMillis: 0 });
    const { provider, logger } = loggerFor(sink);
    logger.emit({ body: 'kept' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await bRx!.start();
    await provider.shutdown();
    expect(bodiesOf(bRx!)).toEqual(['kept']);
    expect(sink.stats().retries).toBeGreaterThan(0);
  });
});

describe('loadBalance', () => {
  it('spreads batches round-robin', async () => {
    const [aRx, bRx] = await receiversOf(2);
    const sink = loadBalance([otlpSink({ endpoint: aRx!.url }), otlpSink({ endpoint: bRx!.url })], quick);
    const { provider, logger } = loggerFor(sink);
    for (let i = 0; i < 4; i++) {
      logger.emit({ body: `batch ${i}` });
      await provider.forceFlush();
    }
    await provider.shutdown();
    expect(bodiesOf(aRx!)).toEqual(['batch 0', 'batch 2']);
    expect(bodiesOf(bRx!)).toEqual(['batch 1', 'batch 3']);
  });

  it('keeps the records of one trace on one collector', async () => {
    const [aRx, bRx] = await receiversOf(2);
    const sink = loadBalance([otlpSink({ endpoint: aRx!.url }), otlpSink({ endpoint: bRx!.url })], { ...quick, by: 'trace-id' });
    const { provider, logger } = loggerFor(sink);
    const traceA = 'aaaaaaaaaaaaaaaaaaaaaaaa00000000';
    const traceB = 'bbbbbbbbbbbbbbbbbbbbbbbb00000001';
    for (let i = 0; i < 6; i++) {
      const traceId = i % 2 === 0 ? traceA : traceB;
      const ctx = trace.setSpanContext(context.active(), { traceId, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });
      logger.emit({ body: `step ${i}`, context: ctx });
    }
    await provider.shutdown();
    expect(aRx!.records().map((r) => [r.traceId, r.body])).toEqual([[traceA, 'step 0'], [traceA, 'step 2'], [traceA, 'step 4']]);
    expect(bRx!.records().map((r) => [r.traceId, r.body])).toEqual([[traceB, 'step 1'], [traceB, 'step 3'], [traceB, 'step 5']]);
  });

  it('refuses anything but otlpSinks', () => {
    expect(() => loadBalance([] as never)).toThrow(new TypeError('loadBalance: expects a non-empty array of otlpSink()s'));
  });
});
