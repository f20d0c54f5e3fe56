import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeverityNumber } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline } from '@logweave/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEADER_BYTES } from '../src/durable/entry-format.ts';
import { otlpSink, type OtlpSink, type OtlpSinkOptions } from '../src/index.ts';
import { durableSink, TIMERS_ONLY, until, untilAdvancing } from './fixtures/durable-support.ts';

let receiver: OtlpReceiver;
let reports: string[];
let sinks: OtlpSink[];
beforeEach(async () => {
  reports = [];
  sinks = [];
  setGlobalErrorHandler((error) => reports.push((error as Error).message));
  receiver = await startOtlpReceiver();
});
afterEach(async () => {
  vi.useRealTimers();
  receiver.clearFaults();
  await Promise.all(sinks.map((sink) => sink.shutdown()));
  setGlobalErrorHandler(() => {});
  await receiver.close();
});

function setUp(options: OtlpSinkOptions) {
  const sink = otlpSink({ endpoint: receiver.url, name: 'audit', scheduledDelayMillis: 10, flushTimeoutMillis: 100, ...options });
  sinks.push(sink);
  const logger = new LoggerProvider({ processors: [pipeline({ sink })] }).getLogger('x');
  const emit = (n: number) => {
    for (let i = 0; i < n; i++) logger.emit({ severityNumber: SeverityNumber.INFO, body: `record ${i}` });
  };
  return { sink, emit };
}

const matching = (pattern: RegExp) => reports.filter((r) => pattern.test(r));

describe('loss reporting', () => {
  it('reports queue-full drops at once, then a summary per interval with counts', async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    receiver.inject({ kind: 'hang' }, Infinity);
    const { sink, emit } = setUp({ maxQueueSize: 10, maxExportBatchSize: 10 });
    emit(100);
    expect(matching(/dropped/)).toEqual(['logweave sink audit: 1 log records dropped (queue-full)']);
    emit(50);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(matching(/dropped/)[1]).toBe('logweave sink audit: in the last 10 s: 139 log records dropped (queue-full: 139)');
    expect(sink.stats().droppedBy['queue-full']).toBe(140);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(matching(/dropped/)).toHaveLength(2);
  });

  it.each([
    ['an HTTP 503', (r: OtlpReceiver) => r.inject({ kind: 'status', status: 503 }, Infinity), (r: OtlpReceiver) => r.clearFaults(), /delivery failing: HTTP 503/],
    ['a refused connection', (r: OtlpReceiver) => r.stop(), (r: OtlpReceiver) => r.start(), /delivery failing: ECONNREFUSED/],
  ])('reports failing delivery while it lasts: %s', async (_, fault, heal, first) => {
    vi.useFakeTimers(TIMERS_ONLY);
    await fault(receiver);
    const { sink, emit } = setUp({ retry: { initialIntervalMillis: 1_000, maxIntervalMillis: 1_000, maxElapsedMillis: 0 } });
    emit(1);
    await untilAdvancing(() => sink.stats().failedAttempts >= 1, 10);
    expect(reports.filter((r) => first.test(r))).toHaveLength(1);
    await untilAdvancing(() => reports.some((r) => /in the last 10 s: delivery failed \d+ times/.test(r)), 500);
    await heal(receiver);
    await untilAdvancing(() => sink.stats().exported === 1, 100);
    const settled = reports.length;
    await untilAdvancing(() => false, 1_000, 30).catch(() => {});
    expect(reports.length - settled).toBeLessThanOrEqual(1); // the last partial interval's summary, then silence
  });

  it('reports a corrupt durable entry and counts it', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logweave-report-'));
    try {
      await receiver.stop();
      const first = durableSink(receiver.url, dir, { flushTimeoutMillis: 1_000 });
      first.emit(0, 10);
      await first.provider.forceFlush();
      await first.provider.shutdown();
      const segment = join(dir, readdirSync(dir).find((f) => f.endsWith('.wal'))!);
      const bytes = readFileSync(segment);
      bytes[HEADER_BYTES + 5]! ^= 0xff;
      writeFileSync(segment, bytes);
      await receiver.start();
      const second = durableSink(receiver.url, dir);
      await until(() => second.stats().onDisk === 0);
      await second.provider.shutdown();
      expect(second.stats().droppedBy).toEqual({ corrupt: 10 });
      expect(matching(/10 log records dropped \(corrupt\)/)).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
