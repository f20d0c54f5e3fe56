import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MILLIS, parseRetryAfter, resolveRetry, retryDelay } from '../../src/internal/retry.ts';
import { deliverWithRetry } from '../../src/internal/retry-loop.ts';
import { useFakeTime } from '@logweave/sdk-lines/fake-time';
import { encodedRequest, makeTarget, recordingObserver, settle } from './support.ts';

const YEAR_9999 = 'Fri, 31 Dec 9999 23:59:59 GMT';

describe('retryDelay', () => {
  const policy = resolveRetry({ initialIntervalMillis: 1000, maxIntervalMillis: 30_000 }, 'test');

  it('waits what Retry-After asks in place of the backoff, within the initial and the max interval', () => {
    expect(retryDelay(policy, 8, 12_000)).toBe(12_000);
    expect(retryDelay(policy, 0, 0)).toBe(1000);
    expect(retryDelay(policy, 0, 3_600_000)).toBe(30_000);
    expect(retryDelay(policy, 2, undefined, () => 0.5)).toBe(2250);
  });

  it('never waits less than the initial interval nor more than the max interval, whatever Retry-After says', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.constant(0), fc.constant(Number.POSITIVE_INFINITY), fc.double({ min: 0, max: 1e15, noNaN: true })),
        fc.integer({ min: 0, max: 40 }),
        (retryAfter, attempt) => {
          const wait = retryDelay(policy, attempt, retryAfter);
          expect(wait).toBeGreaterThanOrEqual(policy.initialIntervalMillis);
          expect(wait).toBeLessThanOrEqual(policy.maxIntervalMillis);
          if (retryAfter >= policy.initialIntervalMillis && retryAfter <= policy.maxIntervalMillis) expect(wait).toBe(retryAfter);
        },
      ),
    );
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delay-seconds and HTTP dates, and nothing else', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('2147484', now)).toBe(2_147_484_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter(YEAR_9999, now)).toBeGreaterThan(MAX_TIMER_MILLIS);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    for (const nonsense of ['1.5', '-1', 'soon', '', undefined]) expect(parseRetryAfter(nonsense, now)).toBeUndefined();
  });
});

describe('deliverWithRetry against a collector sending Retry-After', () => {
  let receiver: OtlpReceiver;
  beforeEach(async () => {
    receiver = await startOtlpReceiver();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await receiver.close();
  });

  const policy = resolveRetry({ initialIntervalMillis: 1000, maxIntervalMillis: 5000, maxElapsedMillis: 0 }, 'test');
  const windowMillis = 60_000;

  it.each([
    ['429 with Retry-After: 0', 429, 0],
    ['503 with Retry-After: 2147484 (seconds)', 503, 2_147_484],
    ['429 with a Retry-After date in the year 9999', 429, YEAR_9999],
  ])('stays under the backoff rate on %s, and keeps retrying', async (_, status, retryAfter) => {
    useFakeTime();
    receiver.inject({ kind: 'status', status, retryAfter }, Number.POSITIVE_INFINITY);
    const target = makeTarget({ url: receiver.logsUrl });
    const request = await encodedRequest(3);
    let inFlight = false;
    const attempt = async (signal: AbortSignal) => {
      inFlight = true;
      try {
        return await target.send(request, signal);
      } finally {
        inFlight = false;
      }
    };
    const shutdown = new AbortController();
    const delivery = deliverWithRetry(attempt, 3, policy, recordingObserver(), shutdown.signal);
    for (let elapsed = 0; elapsed < windowMillis; elapsed += 100) {
      await settle(() => !inFlight);
      await vi.advanceTimersByTimeAsync(100);
    }
    await settle(() => !inFlight);
    const requests = receiver.requests.length;
    // Each wait is at least initialIntervalMillis, and at most maxIntervalMillis (+ its jitter).
    expect(requests).toBeLessThanOrEqual(1 + windowMillis / policy.initialIntervalMillis);
    expect(requests).toBeGreaterThanOrEqual(Math.floor(windowMillis / (policy.maxIntervalMillis * 1.5)));
    shutdown.abort();
    await expect(delivery).resolves.toMatchObject({ exported: 0, dropped: 3, dropReason: 'shutdown' });
    await target.close();
  });

  it('sets no timer past 2^31-1 ms (no TimeoutOverflowWarning, no 1 ms retry) when Retry-After is 2^31 s', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => void warnings.push(warning.name);
    process.on('warning', onWarning);
    receiver.inject({ kind: 'status', status: 503, retryAfter: 2 ** 31 }, Number.POSITIVE_INFINITY);
    const target = makeTarget({ url: receiver.logsUrl });
    const patient = resolveRetry({ initialIntervalMillis: 10, maxIntervalMillis: 2 ** 40, maxElapsedMillis: 0 }, 'test');
    const request = await encodedRequest(3);
    const shutdown = new AbortController();
    const delivery = deliverWithRetry((s) => target.send(request, s), 3, patient, recordingObserver(), shutdown.signal);
    await settle(() => receiver.requests.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    shutdown.abort();
    await delivery;
    process.off('warning', onWarning);
    expect(warnings).not.toContain('TimeoutOverflowWarning');
    expect(receiver.requests).toHaveLength(1);
    await target.close();
  });
});
