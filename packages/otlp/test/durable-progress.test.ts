import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metricReader, valueOf } from '../../core/test/metric-reader.ts';
import { ReplayProgress } from '../src/durable/replay-progress.ts';
import { durableSink, TIMERS_ONLY, untilAdvancing } from './fixtures/durable-support.ts';

let lines: string[];
beforeEach(() => {
  lines = [];
  const info = (message: string) => void lines.push(message);
  const ignore = () => {};
  const logger: DiagLogger = { error: ignore, warn: ignore, info, debug: ignore, verbose: ignore };
  diag.setLogger(logger, DiagLogLevel.INFO);
  setGlobalErrorHandler(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  diag.disable();
});

/** A backlog whose records left the test sets. */
function backlog(left: number, pendingBytes = 5 * 1024 * 1024, oldestWrittenMillis: number | undefined = Date.now()) {
  return { left, pendingBytes, oldestWrittenMillis, backlogRecords() { return this.left; } };
}

describe('durable replay progress', () => {
  it('reports the backlog at open, progress every 10 % or 10 s, and a last line when drained', async () => {
    vi.useFakeTimers({ now: 1_000_000_000 });
    const view = backlog(1000, 5 * 1024 * 1024, Date.now() - 3_720_000);
    const progress = new ReplayProgress('audit', view);
    expect(lines).toEqual(['logweave sink audit: durable backlog to replay: 1000 records, 5.0 MiB on disk, oldest entry 1 h 2 min old']);

    await vi.advanceTimersByTimeAsync(5_000);
    view.left = 950;
    progress.update();
    expect(lines).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1_000);
    view.left = 880;
    progress.update();
    expect(lines.at(-1)).toBe('logweave sink audit: durable replay: 880 of 1000 records left (12 % done), 20 records/s, about 44 s left');

    // Nothing acknowledged: the timer still reports, 10 s after the last line.
    await vi.advanceTimersByTimeAsync(13_000);
    expect(lines).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(lines.at(-1)).toBe('logweave sink audit: durable replay: 880 of 1000 records left (12 % done), 0 records/s, stalled: none acknowledged since the last line');

    await vi.advanceTimersByTimeAsync(4_000);
    view.left = 0;
    progress.update();
    expect(lines.at(-1)).toBe('logweave sink audit: durable backlog replayed: 1000 records in 24 s (42 records/s)');
    await vi.advanceTimersByTimeAsync(60_000);
    progress.stop();
    expect(lines).toHaveLength(4);
  });

  it('says nothing and keeps no timer when there is no backlog', () => {
    vi.useFakeTimers();
    new ReplayProgress('audit', backlog(0, 0, undefined)).update();
    expect(lines).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('tells at shutdown what is left on disk for the next start', () => {
    vi.useFakeTimers();
    const view = backlog(300);
    const progress = new ReplayProgress('audit', view);
    view.left = 120;
    progress.stop();
    expect(lines.at(-1)).toBe('logweave sink audit: durable replay stopped at shutdown: 120 of 300 records left on disk for the next start');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('otlpSink durable backlog reporting', () => {
  let receiver: OtlpReceiver;
  let dir: string;
  beforeEach(async () => {
    receiver = await startOtlpReceiver();
    dir = mkdtempSync(join(tmpdir(), 'logweave-progress-'));
  });
  afterEach(async () => {
    await receiver.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports a replayed backlog through diag and as backlog gauges, from open until drained', { timeout: 30_000 }, async () => {
    await receiver.stop();
    const first = durableSink(receiver.url, dir, { maxExportBatchSize: 10, flushTimeoutMillis: 1_000 });
    first.emit(0, 200);
    await first.provider.forceFlush();
    await first.provider.shutdown();
    const onDisk = first.stats().diskBytes;
    expect(first.stats().onDisk).toBe(200);

    vi.useFakeTimers(TIMERS_ONLY);
    vi.setSystemTime(Date.now() + 3_600_000);
    const reader = metricReader();
    lines = [];
    const second = durableSink(receiver.url, dir, { name: 'audit', meterProvider: reader.meterProvider });
    expect(lines).toEqual([`logweave sink audit: durable backlog to replay: 200 records, 0.0 MiB on disk, oldest entry 1 h 0 min old`]);
    const processor = { 'otel.component.type': 'logweave.otlp_sink', 'otel.component.name': 'audit' };
    let points = await reader.collect();
    expect(valueOf(points, 'logweave.durable.backlog.records', processor)).toBe(200);
    expect(valueOf(points, 'logweave.durable.backlog.size', processor)).toBe(onDisk);
    expect(Math.floor((valueOf(points, 'logweave.durable.backlog.age', processor) as number) / 60)).toBe(60);

    await receiver.start();
    // Small steps: fake time must not reach the 10 s line between two acknowledgements.
    await untilAdvancing(() => second.stats().onDisk === 0, 10);
    const left = lines.slice(1, -1).map((line) => Number(/: (\d+) of 200 records left/.exec(line)![1]));
    expect(left).toEqual([180, 160, 140, 120, 100, 80, 60, 40, 20]);
    expect(lines.at(-1)).toMatch(/^logweave sink audit: durable backlog replayed: 200 records in \d+ s/);
    points = await reader.collect();
    expect(valueOf(points, 'logweave.durable.backlog.records', processor)).toBe(0);
    expect(valueOf(points, 'logweave.durable.backlog.size', processor)).toBe(0);
    expect(valueOf(points, 'logweave.durable.backlog.age', processor)).toBe(0);
    await second.provider.shutdown();
    await reader.shutdown();
  });
});
