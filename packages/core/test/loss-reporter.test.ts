import { setGlobalErrorHandler } from '@opentelemetry/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LossReporter } from '../src/loss-reporter.ts';

let reports: string[];
beforeEach(() => {
  vi.useFakeTimers();
  reports = [];
  setGlobalErrorHandler((error) => reports.push((error as Error).message));
});
afterEach(() => {
  vi.useRealTimers();
  setGlobalErrorHandler(() => {});
});

describe('LossReporter', () => {
  it('reports the first loss at once, then one summary per interval with counts per reason', async () => {
    const losses = new LossReporter('sink a', 10_000);
    losses.dropped('queue-full', 1);
    expect(reports).toEqual(['logweave sink a: 1 log records dropped (queue-full)']);
    for (let i = 0; i < 999; i++) losses.dropped('queue-full', 1);
    losses.dropped('disk-full', 5, 'ENOSPC: no space left on device');
    losses.dropped('disk-full', 7);
    expect(reports).toHaveLength(2);
    expect(reports[1]).toBe('logweave sink a: 5 log records dropped (disk-full): ENOSPC: no space left on device');
    await vi.advanceTimersByTimeAsync(9_999);
    expect(reports).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(reports[2]).toBe('logweave sink a: in the last 10 s: 1006 log records dropped (queue-full: 999, disk-full: 7)');
  });

  it('keeps summarising while a burst lasts and reports at once again after a quiet interval', async () => {
    const losses = new LossReporter('sink a', 1_000);
    losses.dropped('queue-full', 10);
    for (let second = 0; second < 4; second++) {
      await vi.advanceTimersByTimeAsync(500);
      losses.dropped('queue-full', 10);
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(reports).toHaveLength(5);
    expect(reports.slice(1).every((r) => r.endsWith('in the last 1 s: 10 log records dropped (queue-full: 10)'))).toBe(true);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reports).toHaveLength(5);
    losses.dropped('queue-full', 3);
    expect(reports[5]).toBe('logweave sink a: 3 log records dropped (queue-full)');
  });

  it('reports each failing operation at once, then while it lasts its count of failures and the last error', async () => {
    const losses = new LossReporter('sink a', 1_000);
    losses.failing('delivery', 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4318');
    losses.failing('delivery', 'HTTP 503');
    losses.failing('durable queue write', 'ENOSPC: no space left on device');
    losses.failing('delivery', 'ENOTFOUND: getaddrinfo ENOTFOUND collector');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reports).toEqual([
      'logweave sink a: delivery failing: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:4318',
      'logweave sink a: durable queue write failing: ENOSPC: no space left on device',
      'logweave sink a: in the last 1 s: delivery failed 2 times (last: ENOTFOUND: getaddrinfo ENOTFOUND collector)',
    ]);
  });

  it('summarises what is gathered when flushed, and survives a throwing error handler', () => {
    const losses = new LossReporter('sink a');
    setGlobalErrorHandler(() => {
      throw new Error('handler broken');
    });
    expect(() => losses.dropped('shutdown', 2)).not.toThrow();
    setGlobalErrorHandler((error) => reports.push((error as Error).message));
    losses.dropped('shutdown', 4);
    losses.flush();
    expect(reports).toEqual(['logweave sink a: since the last report: 4 log records dropped (shutdown: 4)']);
  });
});
