import { SeverityNumber } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { attr, severityAtLeast, not } from '@logweave/core';
import { otlpSink, otlpTarget } from '@logweave/otlp';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { failover, loadBalance, route } from '../src/index.ts';
import { settle, useFakeTime } from '@logweave/sdk-lines/fake-time';
import { bodiesOf, inTrace, loggerFor, quick, receiversOf } from './support/collectors.ts';

beforeEach(() => setGlobalErrorHandler(() => {}));

describe('route', () => {
  it('sends each record to the right collectors while one is down, one slow and one answering 503', async () => {
    useFakeTime();
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
    await settle(Promise.all([mainRx!.waitForRecords(3), siemRx!.waitForRecords(2)]));
    expect(archive.stats().failedAttempts).toBeGreaterThan(0);
    await settle(provider.shutdown());

    expect(bodiesOf(mainRx!)).toEqual(['login failed for u-1', 'GET /cart 200', 'firewall blocked 10.0.0.9']);
    expect(bodiesOf(siemRx!)).toEqual(['login failed for u-1', 'firewall blocked 10.0.0.9']);
    expect(siemRx!.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(bodiesOf(archiveRx!)).toEqual([]);
    // Below INFO includes records with no severity at all.
    expect(archive.stats()).toMatchObject({ received: 2, exported: 0, dropped: 2, droppedBy: { shutdown: 2 } });
    expect(router.stats()).toEqual({
      received: 5,
      routed: { security: 2, main: 3, 'debug-archive': 2 },
      defaulted: 0,
      unrouted: 0,
      predicateErrors: {},
      dropped: 0,
      droppedBy: {},
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

  it('counts records that match no route when there is no default as dropped, unrouted', async () => {
    const [rx] = await receiversOf(1);
    const router = route({ routes: [{ name: 'errors', when: severityAtLeast('ERROR'), to: otlpSink({ ...quick, endpoint: rx!.url }) }] });
    const { provider, logger } = loggerFor(router);
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'ignored' });
    logger.emit({ severityNumber: SeverityNumber.ERROR, body: 'kept' });
    await provider.shutdown();
    expect(bodiesOf(rx!)).toEqual(['kept']);
    expect(router.stats()).toMatchObject({ received: 2, routed: { errors: 1 }, unrouted: 1, dropped: 1, droppedBy: { unrouted: 1 } });
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
    [
      { routes: [{ name: 'a', when: () => true, to: otlpTarget({ endpoint: 'http://127.0.0.1:9' }) }] },
      'route: routes[0].to must be sinks, not targets: give a target to otlpSink({ target })',
    ],
  ])('refuses %j at set-up', (options, message) => {
    expect(() => route(options as never)).toThrow(new TypeError(message));
  });
});

describe('failover', () => {
  it('sends to B while A is down and returns to A once it is back', async () => {
    useFakeTime();
    const [aRx, bRx] = await receiversOf(2);
    await aRx!.stop();
    const target = failover([otlpTarget({ endpoint: aRx!.url, name: 'a' }), otlpTarget({ endpoint: bRx!.url, name: 'b' })], { cooldownMillis: 100 });
    const sink = otlpSink({ ...quick, target });
    const { provider, logger } = loggerFor(sink);
    logger.emit({ body: 'during outage 1' });
    await settle(provider.forceFlush());
    logger.emit({ body: 'during outage 2' });
    await settle(provider.forceFlush());
    expect(sink.stats().targets?.map((t) => [t.name, t.healthy])).toEqual([['a', false], ['b', true]]);
    // While it cools down, A is not tried first again: a slow or hanging A would hold every request.
    expect(sink.stats().targets?.map((t) => [t.attempts, t.failures])).toEqual([[1, 1], [2, 0]]);
    await aRx!.start();
    await vi.advanceTimersByTimeAsync(150);
    logger.emit({ body: 'after recovery' });
    await settle(provider.shutdown());
    expect(bodiesOf(bRx!)).toEqual(['during outage 1', 'during outage 2']);
    expect(bodiesOf(aRx!)).toEqual(['after recovery']);
    expect(sink.stats()).toMatchObject({ exported: 3, dropped: 0, retries: 0 });
  });

  it('retries the whole list with backoff while every collector is down, and delivers when one returns', async () => {
    useFakeTime();
    const [aRx, bRx] = await receiversOf(2);
    await aRx!.stop();
    await bRx!.stop();
    const sink = otlpSink({ ...quick, target: failover([otlpTarget({ endpoint: aRx!.url }), otlpTarget({ endpoint: bRx!.url })], { cooldownMillis: 0 }) });
    const { provider, logger } = loggerFor(sink);
    logger.emit({ body: 'kept' });
    const flushed = provider.forceFlush();
    await settle(new Promise((resolve) => setTimeout(resolve, 200)));
    expect(sink.stats().retries).toBeGreaterThan(0);
    await bRx!.start();
    await settle(flushed);
    await settle(provider.shutdown());
    expect(bodiesOf(bRx!)).toEqual(['kept']);
    expect(sink.stats()).toMatchObject({ exported: 1, dropped: 0 });
  });

  it.each(['http/protobuf', 'http/json'] as const)('counts a partial success over %s as rejected', async (protocol) => {
    const [aRx] = await receiversOf(1);
    aRx!.inject({ kind: 'partial-success', rejected: 2, message: 'too old' });
    const sink = otlpSink({ ...quick, target: failover([otlpTarget({ endpoint: aRx!.url, protocol })]) });
    const { provider, logger } = loggerFor(sink);
    for (let i = 0; i < 5; i++) logger.emit({ body: `r${i}` });
    await provider.shutdown();
    expect(aRx!.requests.map((r) => r.encoding)).toEqual([protocol === 'http/json' ? 'json' : 'protobuf']);
    expect(sink.stats()).toMatchObject({ received: 5, exported: 3, rejected: 2, dropped: 0 });
  });

  it('refuses members of mixed encodings at set-up, naming the member', () => {
    const json = otlpTarget({ endpoint: 'http://127.0.0.1:9', protocol: 'http/json' });
    const proto = otlpTarget({ endpoint: 'http://127.0.0.1:9', protocol: 'http/protobuf' });
    expect(() => failover([proto, json])).toThrow(
      new TypeError('failover: targets[1] takes json but targets[0] takes protobuf; every member must use the same protocol encoding'),
    );
    expect(() => loadBalance([proto, failover([json])])).toThrow(/^loadBalance: targets\[1\] takes json/);
  });

  it.each([
    [[], 'failover: targets must be a non-empty array of targets'],
    [[{ name: 'x' }], 'failover: targets[0] must be a target (otlpTarget(), failover(), loadBalance())'],
  ])('refuses %j at set-up', (targets, message) => {
    expect(() => failover(targets as never)).toThrow(new TypeError(message));
  });

  it('refuses a target that another sink or composite already owns, or the same target twice', async () => {
    const a = otlpTarget({ endpoint: 'http://127.0.0.1:9', name: 'a' });
    const b = otlpTarget({ endpoint: 'http://127.0.0.1:10', name: 'b' });
    expect(() => failover([a, a])).toThrow(new TypeError('failover: targets must not hold the same target twice'));
    const sink = otlpSink({ target: failover([a, b]) });
    expect(() => loadBalance([b])).toThrow(
      new TypeError('loadBalance: targets[0] (b) is already given to another sink or composite; make one target per use'),
    );
    expect(() => otlpSink({ target: a })).toThrow(/^otlpSink: target \(a\) is already given to another sink or composite/);
    await sink.shutdown();
  });

  it('refuses a sink where a target is expected', async () => {
    const sink = otlpSink({ endpoint: 'http://127.0.0.1:9' });
    expect(() => failover([sink as never])).toThrow(
      new TypeError('failover: targets[0] must be a target (otlpTarget(), failover(), loadBalance()), not a sink'),
    );
    expect(() => otlpSink({ target: sink as never })).toThrow(/^otlpSink: target must be a target .*not a sink$/);
    await sink.shutdown();
  });
});

describe('loadBalance', () => {
  it('spreads requests round-robin', async () => {
    const [aRx, bRx] = await receiversOf(2);
    const sink = otlpSink({ ...quick, target: loadBalance([otlpTarget({ endpoint: aRx!.url }), otlpTarget({ endpoint: bRx!.url })]) });
    const { provider, logger } = loggerFor(sink);
    for (let i = 0; i < 4; i++) {
      logger.emit({ body: `batch ${i}` });
      await provider.forceFlush();
    }
    await provider.shutdown();
    expect(bodiesOf(aRx!)).toEqual(['batch 0', 'batch 2']);
    expect(bodiesOf(bRx!)).toEqual(['batch 1', 'batch 3']);
  });

  it('keeps the records of one trace on one collector, in one request per collector', async () => {
    const [aRx, bRx] = await receiversOf(2);
    const target = loadBalance([otlpTarget({ endpoint: aRx!.url }), otlpTarget({ endpoint: bRx!.url })], { by: 'traceId' });
    const sink = otlpSink({ ...quick, scheduledDelayMillis: 1000, target });
    const { provider, logger } = loggerFor(sink);
    const traceA = 'aaaaaaaaaaaaaaaaaaaaaaaa00000000';
    const traceB = 'bbbbbbbbbbbbbbbbbbbbbbbb00000001';
    for (let i = 0; i < 6; i++) logger.emit({ body: `step ${i}`, context: inTrace(i % 2 === 0 ? traceA : traceB) });
    await provider.shutdown();
    expect(aRx!.records().map((r) => [r.traceId, r.body])).toEqual([[traceA, 'step 0'], [traceA, 'step 2'], [traceA, 'step 4']]);
    expect(bRx!.records().map((r) => [r.traceId, r.body])).toEqual([[traceB, 'step 1'], [traceB, 'step 3'], [traceB, 'step 5']]);
    expect(aRx!.requests).toHaveLength(1);
    expect(bRx!.requests).toHaveLength(1);
  });

  it('still splits by trace when nested in a failover', async () => {
    const [aRx, bRx, cRx] = await receiversOf(3);
    const balanced = loadBalance([otlpTarget({ endpoint: aRx!.url }), otlpTarget({ endpoint: bRx!.url })], { by: 'traceId' });
    const sink = otlpSink({ ...quick, scheduledDelayMillis: 1000, target: failover([balanced, otlpTarget({ endpoint: cRx!.url })]) });
    const { provider, logger } = loggerFor(sink);
    for (let i = 0; i < 4; i++) logger.emit({ body: `step ${i}`, context: inTrace(`${'ef'.repeat(12)}0000000${i % 2}`) });
    await provider.shutdown();
    expect(bodiesOf(aRx!)).toEqual(['step 0', 'step 2']);
    expect(bodiesOf(bRx!)).toEqual(['step 1', 'step 3']);
    expect(bodiesOf(cRx!)).toEqual([]);
  });

  it("sends a down member's traces to the next live member, and back once it recovers", async () => {
    useFakeTime();
    const [aRx, bRx, cRx] = await receiversOf(3);
    await aRx!.stop();
    const members = [aRx!, bRx!, cRx!].map((rx, i) => otlpTarget({ endpoint: rx.url, name: 'abc'[i]! }));
    const sink = otlpSink({ ...quick, target: loadBalance(members, { by: 'traceId', cooldownMillis: 1_000 }) });
    const { provider, logger } = loggerFor(sink);
    // The low 32 bits modulo 3: …00 starts at a, …01 at b.
    const toA = 'cccccccccccccccccccccccc00000000';
    const toB = 'dddddddddddddddddddddddd00000001';
    logger.emit({ body: 'a1', context: inTrace(toA) });
    logger.emit({ body: 'b1', context: inTrace(toB) });
    await settle(provider.forceFlush());
    expect(bodiesOf(bRx!).sort()).toEqual(['a1', 'b1']);
    expect(bodiesOf(cRx!)).toEqual([]);
    await aRx!.start();
    await vi.advanceTimersByTimeAsync(1_000);
    logger.emit({ body: 'a2', context: inTrace(toA) });
    await settle(provider.shutdown());
    expect(bodiesOf(aRx!)).toEqual(['a2']);
    expect(sink.stats()).toMatchObject({ exported: 3, dropped: 0 });
  });

  it('refuses an unknown strategy and anything but targets', () => {
    const member = otlpTarget({ endpoint: 'http://127.0.0.1:9' });
    expect(() => loadBalance([member], { by: 'trace-id' as never })).toThrow(
      new TypeError("loadBalance: by must be 'roundRobin' or 'traceId'; got 'trace-id'"),
    );
    expect(() => loadBalance([] as never)).toThrow(new TypeError('loadBalance: targets must be a non-empty array of targets'));
    expect(() => loadBalance([member], { cooldownMillis: -1 })).toThrow(new TypeError('loadBalance: cooldownMillis must be a number ≥ 0; got -1'));
  });
});
