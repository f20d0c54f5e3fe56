import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type SendResult, type Sink, type Target } from '@logweave/core';
import { otlpSink, otlpTarget } from '@logweave/otlp';
import { memorySink } from '@logweave/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { failover, loadBalance, route } from '../src/index.ts';
import { settle, useFakeTime } from '@logweave/sdk-lines/fake-time';
import { hideSecrets } from '@logweave/sdk-lines/hide-secrets';
import { bodiesOf, inTrace, loggerFor, quick, receiversOf } from './support/collectors.ts';

/*
 * Behaviours that mutation testing (`pnpm mutate:delivery`) found unguarded: each test here
 * fails against a mutant that survived the rest of the suite.
 */

let reported: string[] = [];
beforeEach(() => {
  reported = [];
  setGlobalErrorHandler((error) => reported.push(String((error as Error).message)));
});

/** A target of the user's own making that accepts everything and counts its closes. */
function ownTarget(name: string): Target & { closed: number } {
  return {
    name,
    encoding: 'protobuf',
    closed: 0,
    send: async (): Promise<SendResult> => ({ ok: true, rejected: 0, message: '' }),
    async close() {
      this.closed++;
    },
  };
}

describe('route', () => {
  it('sends a record that matches two routes to the first one only when mode is first (the default)', async () => {
    const audit = memorySink();
    const everything = memorySink();
    const router = route({
      routes: [
        { name: 'audit', when: () => true, to: audit },
        { name: 'everything', when: () => true, to: everything },
      ],
    });
    const { provider, logger } = loggerFor(router);
    logger.emit({ body: 'role granted' });
    await provider.shutdown();
    expect(audit.bodies()).toEqual(['role granted']);
    expect(everything.bodies()).toEqual([]);
    expect(router.stats().routed).toEqual({ audit: 1, everything: 0 });
  });

  it('sends the record of a throwing predicate to the default, not the route, and reports it naming the route', async () => {
    const broken = memorySink();
    const fallback = memorySink();
    const router = route({ routes: [{ name: 'broken', when: () => { throw new Error('bug'); }, to: broken }], default: fallback });
    const { provider, logger } = loggerFor(router);
    logger.emit({ body: 'still delivered' });
    await provider.shutdown();
    expect(broken.bodies()).toEqual([]);
    expect(fallback.bodies()).toEqual(['still delivered']);
    expect(reported).toEqual(['logweave route: route broken predicate failed: bug']);
  });

  it('keeps delivering to the other sinks, and reports, when a sink throws in onEmit', async () => {
    const healthy = memorySink();
    const throwing: Sink = { onEmit: () => { throw new Error('sink full'); }, forceFlush: async () => {}, shutdown: async () => {} };
    const router = route({ mode: 'all', routes: [{ name: 'both', when: () => true, to: [throwing, healthy] }] });
    const { provider, logger } = loggerFor(router);
    expect(() => logger.emit({ body: 'kept' })).not.toThrow();
    await provider.shutdown();
    expect(healthy.bodies()).toEqual(['kept']);
    expect(reported).toEqual(['logweave route: sink onEmit failed: sink full']);
  });

  it('flushes the sinks of every route and of the default on forceFlush', async () => {
    const [errorsRx, restRx] = await receiversOf(2);
    const slow = { scheduledDelayMillis: 60_000 };
    const router = route({
      routes: [{ name: 'errors', when: (r) => r.body === 'boom', to: otlpSink({ ...slow, endpoint: errorsRx!.url }) }],
      default: otlpSink({ ...slow, endpoint: restRx!.url }),
    });
    const { provider, logger } = loggerFor(router);
    logger.emit({ body: 'boom' });
    logger.emit({ body: 'GET /' });
    await router.forceFlush();
    expect(bodiesOf(errorsRx!)).toEqual(['boom']);
    expect(bodiesOf(restRx!)).toEqual(['GET /']);
    await provider.shutdown();
  });

  it('leaves a value filter to its sinks only when every one of them applies it', async () => {
    const [rx] = await receiversOf(1);
    const stage = hideSecrets();
    const plain = memorySink();
    const router = route({ routes: [{ name: 'all', when: () => true, to: [otlpSink({ endpoint: rx!.url }), plain] }] });
    const provider = new LoggerProvider({ processors: [pipeline({ stages: [stage], sink: router })] });
    provider.getLogger('shop').emit({ body: 'the secret is 42' });
    await provider.shutdown();
    expect(stage.left).toBe(false);
    expect(plain.bodies()).toEqual(['the ****** is 42']);
    expect(bodiesOf(rx!)).toEqual(['the ****** is 42']);
  });

  it('hands a value filter to its sinks when they all apply it, and they write the filtered value', async () => {
    const [aRx, bRx] = await receiversOf(2);
    const stage = hideSecrets();
    const router = route({ routes: [{ name: 'all', when: () => true, to: [otlpSink({ endpoint: aRx!.url }), otlpSink({ endpoint: bRx!.url })] }] });
    const provider = new LoggerProvider({ processors: [pipeline({ stages: [stage], sink: router })] });
    provider.getLogger('shop').emit({ body: 'the secret is 42' });
    await provider.shutdown();
    expect(stage.left).toBe(true);
    expect([...bodiesOf(aRx!), ...bodiesOf(bRx!)]).toEqual(['the ****** is 42', 'the ****** is 42']);
  });

  const sink = memorySink();
  const target = otlpTarget({ endpoint: 'http://127.0.0.1:9' });
  it.each<[unknown, string]>([
    [null, 'route: options.routes must be an array of { name, when, to }'],
    [{ routes: [null] }, 'route: routes[0] needs a non-empty name'],
    [{ routes: [{ when: () => true, to: sink }] }, 'route: routes[0] needs a non-empty name'],
    [{ routes: [{ name: 'a', when: 'level=error', to: sink }] }, 'route: routes[0] (a) needs a predicate in when'],
    [{ routes: [{ name: 'a', when: () => true, to: sink }, { name: 'a', when: () => true, to: sink }] }, 'route: route names must be unique'],
    [{ routes: [{ name: 'a', when: () => true, to: {} }] }, 'route: routes[0].to must be a sink or a non-empty array of sinks'],
    [{ routes: [{ name: 'a', when: () => true, to: [sink, null] }] }, 'route: routes[0].to must be a sink or a non-empty array of sinks'],
    [{ routes: [{ name: 'a', when: () => true, to: [sink, { onEmit() {} }] }] }, 'route: routes[0].to must be a sink or a non-empty array of sinks'],
    [{ routes: [{ name: 'a', when: () => true, to: [sink, { onEmit() {}, forceFlush: async () => {}, shutdown: 1 }] }] }, 'route: routes[0].to must be a sink or a non-empty array of sinks'],
    [{ routes: [{ name: 'a', when: () => true, to: [sink, target] }] }, 'route: routes[0].to must be sinks, not targets: give a target to otlpSink({ target })'],
    [{ routes: [], default: [] }, 'route: default must be a sink or a non-empty array of sinks'],
  ])('refuses %j at set-up, naming the option', (options, message) => {
    expect(() => route(options as never)).toThrow(new TypeError(message));
  });

  it('takes a single sink, not only an array, as a destination', async () => {
    const only = memorySink();
    const { provider, logger } = loggerFor(route({ routes: [{ name: 'only', when: () => true, to: only }] }));
    logger.emit({ body: 'one' });
    await provider.shutdown();
    expect(only.bodies()).toEqual(['one']);
  });
});

describe('failover and loadBalance', () => {
  it('gives a refused request up at once: no other member gets it and it is counted as a permanent error', async () => {
    useFakeTime();
    const [aRx, bRx] = await receiversOf(2);
    aRx!.inject({ kind: 'status', status: 400 }, Infinity);
    const sink = otlpSink({ ...quick, target: failover([otlpTarget({ endpoint: aRx!.url, name: 'a' }), otlpTarget({ endpoint: bRx!.url, name: 'b' })]) });
    const { provider, logger } = loggerFor(sink);
    logger.emit({ body: 'malformed for every collector' });
    await settle(provider.shutdown());
    expect(bodiesOf(bRx!)).toEqual([]);
    expect(aRx!.requests).toHaveLength(1);
    expect(sink.stats()).toMatchObject({ exported: 0, dropped: 1, droppedBy: { 'permanent-error': 1 } });
    // The report names the member that refused, not only the composite.
    expect(reported.join('\n')).toContain('a: ');
  });

  it('does not try a member that is cooling down while another is up', async () => {
    useFakeTime();
    const [aRx, bRx] = await receiversOf(2);
    await aRx!.stop();
    const target = failover([otlpTarget({ endpoint: aRx!.url, name: 'a' }), otlpTarget({ endpoint: bRx!.url, name: 'b' })], { cooldownMillis: 60_000 });
    const sink = otlpSink({ ...quick, target });
    const { provider, logger } = loggerFor(sink);
    for (const body of ['first', 'second', 'third']) {
      logger.emit({ body });
      await settle(provider.forceFlush());
    }
    await settle(provider.shutdown());
    expect(bodiesOf(bRx!)).toEqual(['first', 'second', 'third']);
    expect(sink.stats().targets?.map((t) => [t.name, t.attempts, t.failures])).toEqual([['a', 1, 1], ['b', 3, 0]]);
  });

  it('tries each member once per round when all of them fail', async () => {
    const [aRx, bRx] = await receiversOf(2);
    await aRx!.stop();
    await bRx!.stop();
    const target = failover([otlpTarget({ endpoint: aRx!.url, name: 'a' }), otlpTarget({ endpoint: bRx!.url, name: 'b' })]);
    const sink = otlpSink({ ...quick, retry: false, target });
    const { provider, logger } = loggerFor(sink);
    logger.emit({ body: 'lost' });
    await provider.shutdown();
    expect(sink.stats().targets?.map((t) => [t.name, t.attempts, t.failures])).toEqual([['a', 1, 1], ['b', 1, 1]]);
    expect(sink.stats()).toMatchObject({ dropped: 1, droppedBy: { 'retry-exhausted': 1 } });
  });

  it('still tries every member when all are cooling down, so a batch is delivered when one returns before the cooldown ends', async () => {
    useFakeTime();
    const [aRx, bRx] = await receiversOf(2);
    await aRx!.stop();
    await bRx!.stop();
    // The cooldown outlasts the retry budget: waiting it out would lose the batch.
    const target = failover([otlpTarget({ endpoint: aRx!.url }), otlpTarget({ endpoint: bRx!.url })], { cooldownMillis: 60_000 });
    const sink = otlpSink({ ...quick, target });
    const { provider, logger } = loggerFor(sink);
    logger.emit({ body: 'kept' });
    const flushed = provider.forceFlush();
    await settle(new Promise((resolve) => setTimeout(resolve, 200)));
    await bRx!.start();
    await settle(flushed);
    await settle(provider.shutdown());
    expect(bodiesOf(bRx!)).toEqual(['kept']);
    expect(sink.stats()).toMatchObject({ exported: 1, dropped: 0 });
  });

  it('closes every member, nested ones too, when the sink shuts down', async () => {
    const members = ['a', 'b', 'c'].map(ownTarget);
    const sink = otlpSink({ target: failover([members[0]!, loadBalance([members[1]!, members[2]!])]) });
    await sink.shutdown();
    expect(members.map((m) => m.closed)).toEqual([1, 1, 1]);
  });

  it('reports how each member of a loadBalance fares in the sink stats', async () => {
    useFakeTime();
    const [aRx, bRx] = await receiversOf(2);
    await aRx!.stop();
    const sink = otlpSink({ ...quick, target: loadBalance([otlpTarget({ endpoint: aRx!.url, name: 'a' }), otlpTarget({ endpoint: bRx!.url, name: 'b' })]) });
    const { provider, logger } = loggerFor(sink);
    logger.emit({ body: 'to a first, then b' });
    await settle(provider.shutdown());
    expect(bodiesOf(bRx!)).toEqual(['to a first, then b']);
    expect(sink.stats().targets).toEqual([
      { name: 'a', attempts: 1, failures: 1, healthy: false },
      { name: 'b', attempts: 1, failures: 0, healthy: true },
    ]);
  });

  it('sends a round-robin batch holding several traces as one request to one member', async () => {
    const [aRx, bRx] = await receiversOf(2);
    const sink = otlpSink({ ...quick, scheduledDelayMillis: 1000, target: loadBalance([otlpTarget({ endpoint: aRx!.url }), otlpTarget({ endpoint: bRx!.url })]) });
    const { provider, logger } = loggerFor(sink);
    logger.emit({ body: 'step 0', context: inTrace('aaaaaaaaaaaaaaaaaaaaaaaa00000000') });
    logger.emit({ body: 'step 1', context: inTrace('bbbbbbbbbbbbbbbbbbbbbbbb00000001') });
    await provider.shutdown();
    expect(bodiesOf(aRx!)).toEqual(['step 0', 'step 1']);
    expect(aRx!.requests).toHaveLength(1);
    expect(bRx!.requests).toHaveLength(0);
  });

  it('is named after its members unless given a name', () => {
    expect(failover([ownTarget('a'), ownTarget('b')]).name).toBe('failover(a, b)');
    expect(loadBalance([ownTarget('a')], { name: 'collectors' }).name).toBe('collectors');
  });

  it.each<[unknown, string]>([
    [null, 'failover: options must be an object'],
    [{ name: '' }, 'failover: name must be a non-empty string'],
    [{ cooldownMillis: Number.NaN }, 'failover: cooldownMillis must be a number ≥ 0; got NaN'],
    [{ cooldownMillis: Number.POSITIVE_INFINITY }, 'failover: cooldownMillis must be a number ≥ 0; got Infinity'],
    [{ cooldownMillis: '5000' }, 'failover: cooldownMillis must be a number ≥ 0; got 5000'],
  ])('refuses options %j at set-up, naming the option', (options, message) => {
    expect(() => failover([ownTarget('a')], options as never)).toThrow(new TypeError(message));
  });
});
