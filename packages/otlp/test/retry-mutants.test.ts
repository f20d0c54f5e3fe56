import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline } from '@logweave/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { otlpSink } from '../src/index.ts';
import { backoffDelay, resolveRetry, type RetryOptions } from '../src/internal/retry.ts';
import { advanceUntil, settle, useFakeTime } from '@logweave/sdk-lines/fake-time';

/*
 * Behaviours that mutation testing (`pnpm mutate:delivery`) found unguarded: each test here
 * fails against a mutant that survived the rest of the suite.
 */

describe('otlpSink retry options', () => {
  it.each<[unknown, RegExp]>([
    [{ initialIntervalMillis: 0 }, /^otlpSink: retry needs initialIntervalMillis > 0/],
    [{ initialIntervalMillis: 2000, maxIntervalMillis: 1000 }, /^otlpSink: retry needs .*maxIntervalMillis ≥ initialIntervalMillis/],
    [{ multiplier: 0.5 }, /^otlpSink: retry needs .*multiplier ≥ 1/],
    [{ randomizationFactor: -0.1 }, /^otlpSink: retry needs .*0 ≤ randomizationFactor ≤ 1/],
    [{ randomizationFactor: 1.5 }, /^otlpSink: retry needs .*0 ≤ randomizationFactor ≤ 1/],
    [{ maxElapsedMillis: -1 }, /^otlpSink: retry needs .*maxElapsedMillis ≥ 0; got {"maxElapsedMillis":-1}$/],
    [{ maxIntervalMillis: Number.POSITIVE_INFINITY }, /^otlpSink: retry needs /],
    [{ multiplier: Number.NaN }, /^otlpSink: retry needs /],
  ])('refuses retry %j at set-up with a TypeError naming the option', (retry, message) => {
    expect(() => otlpSink({ endpoint: 'http://127.0.0.1:9', retry: retry as never })).toThrow(TypeError);
    expect(() => otlpSink({ endpoint: 'http://127.0.0.1:9', retry: retry as never })).toThrow(message);
  });

  it('takes the edges of every range', async () => {
    const retry = { initialIntervalMillis: 1000, maxIntervalMillis: 1000, multiplier: 1, randomizationFactor: 1, maxElapsedMillis: 0 };
    await otlpSink({ endpoint: 'http://127.0.0.1:9', retry }).shutdown();
    await otlpSink({ endpoint: 'http://127.0.0.1:9', retry: { randomizationFactor: 0 } }).shutdown();
  });
});

describe('backoff', () => {
  it('draws each wait from interval × [1 − randomizationFactor, 1 + randomizationFactor], the interval growing to the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (initialIntervalMillis, multiplier, randomizationFactor, attempt, random) => {
          const policy = resolveRetry({ initialIntervalMillis, maxIntervalMillis: 60_000, multiplier, randomizationFactor }, 'test');
          const interval = Math.min(initialIntervalMillis * multiplier ** attempt, 60_000);
          const low = interval * (1 - randomizationFactor);
          const high = interval * (1 + randomizationFactor);
          const wait = backoffDelay(policy, attempt, () => random);
          expect(wait).toBeGreaterThanOrEqual(low - 1e-6);
          expect(wait).toBeLessThanOrEqual(high + 1e-6);
          expect(backoffDelay(policy, attempt, () => 0)).toBeCloseTo(low, 6);
          expect(backoffDelay(policy, attempt, () => 0.5)).toBeCloseTo(interval, 6);
        },
      ),
    );
  });
});

describe('otlpSink retrying a failing collector', () => {
  let receiver: OtlpReceiver;
  beforeEach(async () => {
    setGlobalErrorHandler(() => {});
    receiver = await startOtlpReceiver();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await receiver.close();
  });

  /** A sink whose collector answers 503 to everything, with one record sent; `elapsed()` is fake time since the first attempt. */
  async function failingFromNow(retry: RetryOptions | false) {
    useFakeTime();
    receiver.inject({ kind: 'status', status: 503 }, Infinity);
    const sink = otlpSink({ endpoint: receiver.url, scheduledDelayMillis: 10, retry });
    const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
    provider.getLogger('orders').emit({ body: 'order 1' });
    await advanceUntil(() => receiver.requests.length === 1, 1);
    /** Lets `millis` of fake time pass, real I/O running between steps. */
    const pass = async (millis: number) => {
      for (let i = 0; i < millis / 50; i++) {
        for (let j = 0; j < 3; j++) await new Promise((resolve) => setImmediate(resolve));
        await vi.advanceTimersByTimeAsync(50);
      }
    };
    return { sink, provider, pass };
  }

  it('waits longer before each retry, by the multiplier', async () => {
    const { provider, pass } = await failingFromNow({ initialIntervalMillis: 1000, multiplier: 2, randomizationFactor: 0, maxElapsedMillis: 0 });
    // Attempts at 0, 1 s and 3 s; the next is due at 7 s.
    await pass(5_000);
    expect(receiver.requests).toHaveLength(3);
    await pass(2_500);
    expect(receiver.requests).toHaveLength(4);
    await settle(provider.shutdown());
  });

  it('gives a batch up rather than wait past maxElapsedMillis', async () => {
    const { sink, provider, pass } = await failingFromNow({ initialIntervalMillis: 1000, multiplier: 2, randomizationFactor: 0, maxElapsedMillis: 2_500 });
    // The retry at 1 s fails; the next would come at 3 s, past the budget: the batch is dropped at 1 s.
    await pass(1_500);
    expect(receiver.requests).toHaveLength(2);
    expect(sink.stats()).toMatchObject({ exported: 0, dropped: 1, droppedBy: { 'retry-exhausted': 1 }, retries: 1 });
    await provider.shutdown();
  });

  it('stops waiting to retry at shutdown: no further attempt, the batch counted as lost to shutdown', async () => {
    const { sink, provider } = await failingFromNow({ initialIntervalMillis: 60_000, maxIntervalMillis: 60_000, maxElapsedMillis: 0 });
    await settle(provider.shutdown());
    expect(receiver.requests).toHaveLength(1);
    expect(sink.stats()).toMatchObject({ exported: 0, dropped: 1, droppedBy: { shutdown: 1 }, retries: 0 });
  });

  it('drops a failed batch at once, as retry-exhausted, when retry is false', async () => {
    const { sink, provider, pass } = await failingFromNow(false);
    await pass(1_000);
    expect(receiver.requests).toHaveLength(1);
    expect(sink.stats()).toMatchObject({ exported: 0, dropped: 1, droppedBy: { 'retry-exhausted': 1 }, retries: 0 });
    await provider.shutdown();
  });

  it('never counts more records rejected than it sent, whatever the collector claims', async () => {
    receiver.inject({ kind: 'partial-success', rejected: 50, message: 'too old' });
    const sink = otlpSink({ endpoint: receiver.url, scheduledDelayMillis: 10 });
    const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
    for (let i = 0; i < 5; i++) provider.getLogger('orders').emit({ body: `order ${i}` });
    await provider.shutdown();
    expect(sink.stats()).toMatchObject({ received: 5, exported: 0, rejected: 5, dropped: 0 });
  });
});

describe('otlpSink retry option', () => {
  it('throws at set-up when retry is null instead of taking the defaults', () => {
    expect(() => otlpSink({ endpoint: 'http://127.0.0.1:9', retry: null as never })).toThrow(/retry must be an object or false/);
  });
});
