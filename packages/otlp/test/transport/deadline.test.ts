import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveRetry } from '../../src/internal/retry.ts';
import { deliverWithRetry } from '../../src/internal/retry-loop.ts';
import { resolveTargetOptions } from '../../src/target-options.ts';
import { transportTarget } from '../../src/transport/transport-options.ts';
import { useFakeTime } from '@logweave/sdk-lines/fake-time';
import { encodedRequest, makeTarget, recordingObserver, settle } from './support.ts';
import { startTricklingCollector } from './trickling-collector.ts';

describe('timeoutMillis is a deadline for the whole request', () => {
  beforeEach(() => {
    useFakeTime();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails an attempt at timeoutMillis while the response trickles in, retries it, and delivers', async () => {
    const collector = await startTricklingCollector(2);
    const target = makeTarget({ url: collector.url, timeoutMillis: 2000 });
    const request = await encodedRequest(4);
    const observer = recordingObserver();
    const retry = resolveRetry({ initialIntervalMillis: 1000, maxIntervalMillis: 1000, randomizationFactor: 0, maxElapsedMillis: 60_000 }, 'test');
    let outcome: unknown;
    let attempts = 0;
    const attempt = (signal: AbortSignal) => {
      attempts++;
      return target.send(request, signal);
    };
    void deliverWithRetry(attempt, 4, retry, observer, new AbortController().signal).then((r) => (outcome = r));
    for (let elapsed = 0; elapsed < 10_000 && outcome === undefined; elapsed += 100) {
      // Fake time moves on only once every attempt made has reached the collector.
      await settle(() => collector.requests() === attempts);
      await vi.advanceTimersByTimeAsync(100);
    }
    await settle(() => outcome !== undefined);
    expect(outcome).toEqual({ exported: 4, rejected: 0, dropped: 0 });
    expect(collector.received).toEqual([['order 0', 'order 1', 'order 2', 'order 3']]);
    expect(observer.failures).toEqual([
      'deadline: no complete response within 2000 ms',
      'deadline: no complete response within 2000 ms',
    ]);
    // The responses were alive (a byte every 500 ms): an idle timeout would never have fired.
    expect(collector.bytesTrickled()).toBeGreaterThanOrEqual(6);
    await target.close();
    await collector.close();
  });

  it('lets two stalled requests fail without holding up the next', async () => {
    const collector = await startTricklingCollector(2);
    const target = makeTarget({ url: collector.url, timeoutMillis: 1500 });
    const [a, b, c] = await Promise.all([encodedRequest(1), encodedRequest(2), encodedRequest(3)]);
    const stalled = [target.send(a, new AbortController().signal), target.send(b, new AbortController().signal)];
    await settle(() => collector.requests() === 2);
    await vi.advanceTimersByTimeAsync(1500);
    const results = await Promise.all(stalled);
    expect(results).toEqual([
      { ok: false, retryable: true, error: 'deadline: no complete response within 1500 ms' },
      { ok: false, retryable: true, error: 'deadline: no complete response within 1500 ms' },
    ]);
    await expect(target.send(c, new AbortController().signal)).resolves.toEqual({ ok: true, rejected: 0, message: '' });
    expect(collector.received).toEqual([['order 0', 'order 1', 'order 2']]);
    await target.close();
    await collector.close();
  });

  it('takes the deadline from OTEL_EXPORTER_OTLP_LOGS_TIMEOUT, over OTEL_EXPORTER_OTLP_TIMEOUT', async () => {
    const collector = await startTricklingCollector(1);
    const env = { OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: collector.url, OTEL_EXPORTER_OTLP_TIMEOUT: '9000', OTEL_EXPORTER_OTLP_LOGS_TIMEOUT: '2500' };
    const target = transportTarget(resolveTargetOptions({}, 'otlpTarget', env));
    const sent = target.send(await encodedRequest(1), new AbortController().signal);
    await settle(() => collector.requests() === 1);
    await vi.advanceTimersByTimeAsync(2500);
    await expect(sent).resolves.toEqual({ ok: false, retryable: true, error: 'deadline: no complete response within 2500 ms' });
    await target.close();
    await collector.close();
  });

  it('reports a shutdown abort as not retryable', async () => {
    const collector = await startTricklingCollector(1);
    const target = makeTarget({ url: collector.url, timeoutMillis: 60_000 });
    const shutdown = new AbortController();
    const sent = target.send(await encodedRequest(1), shutdown.signal);
    await settle(() => collector.requests() === 1);
    shutdown.abort();
    await expect(sent).resolves.toMatchObject({ ok: false, retryable: false });
    await target.close();
    await collector.close();
  });
});
