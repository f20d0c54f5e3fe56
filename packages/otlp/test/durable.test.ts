import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { otlpSink } from '../src/index.ts';
import { deliveries, durableSink, range, TIMERS_ONLY, until, untilAdvancing } from './fixtures/durable-support.ts';

const child = fileURLToPath(new URL('./fixtures/durable-child.ts', import.meta.url));

let receiver: OtlpReceiver;
let dir: string;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  receiver = await startOtlpReceiver();
  dir = mkdtempSync(join(tmpdir(), 'logweave-durable-'));
});
afterEach(async () => {
  vi.useRealTimers();
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('otlpSink durable mode', () => {
  it('delivers all 10k records emitted while the collector is down for 28 s', { timeout: 60_000 }, async () => {
    vi.useFakeTimers(TIMERS_ONLY);
    await receiver.stop();
    const { provider, emit, stats } = durableSink(receiver.url, dir);
    for (let i = 0; i < 10_000; i += 500) {
      emit(i, i + 500);
      await provider.forceFlush();
      await vi.advanceTimersByTimeAsync(1_400);
    }
    expect(stats()).toMatchObject({ received: 10_000, persisted: 10_000, onDisk: 10_000, exported: 0, dropped: 0 });
    expect(stats().failedAttempts).toBeGreaterThan(0);
    await receiver.start();
    await untilAdvancing(() => stats().onDisk === 0);
    await provider.shutdown();
    const counts = deliveries(receiver);
    expect(counts.size).toBe(10_000);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(stats()).toMatchObject({ exported: 10_000, dropped: 0 });
  });

  it('delivers once, after a restart, every record a SIGKILLed process had acknowledged', { timeout: 60_000 }, async () => {
    await receiver.stop();
    const emitter = spawn(process.execPath, [child, 'emit', dir, receiver.url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let acked = 0;
    emitter.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const match of chunk.matchAll(/acked (\d+)/g)) acked = Number(match[1]);
    });
    await until(() => acked >= 3_000);
    emitter.kill('SIGKILL');
    await new Promise((resolve) => emitter.once('exit', resolve));
    const ackedBeforeKill = acked;

    await receiver.start();
    const drainer = spawn(process.execPath, [child, 'drain', dir, receiver.url], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [code] = await new Promise<[number | null]>((resolve) => drainer.once('exit', (c) => resolve([c])));
    expect(code).toBe(0);
    const counts = deliveries(receiver);
    expect(range(0, ackedBeforeKill).filter((i) => counts.get(i) !== 1)).toEqual([]);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
  });

  it('re-sends after a restart only what the collector had not accepted', { timeout: 30_000 }, async () => {
    const first = durableSink(receiver.url, dir, { maxExportBatchSize: 100, flushTimeoutMillis: 200 });
    for (let i = 0; i < 300; i += 100) {
      first.emit(i, i + 100);
      await first.provider.forceFlush();
    }
    await until(() => first.stats().onDisk === 0 && receiver.records().length === 300);
    await receiver.stop();
    first.emit(300, 600);
    await first.provider.forceFlush();
    await first.sink.shutdown();
    expect(first.stats()).toMatchObject({ exported: 300, onDisk: 300 });

    await receiver.start();
    const second = durableSink(receiver.url, dir);
    expect(second.stats()).toMatchObject({ onDisk: 300, replayed: 300 });
    await until(() => second.stats().onDisk === 0);
    await second.provider.shutdown();
    expect(receiver.records()).toHaveLength(600);
    const counts = deliveries(receiver);
    expect(range(0, 600).filter((i) => counts.get(i) !== 1)).toEqual([]);
  });

  it('drops the oldest entries at the disk limit and counts exactly what is missing', { timeout: 30_000 }, async () => {
    await receiver.stop();
    const { provider, emit, stats } = durableSink(receiver.url, dir, { maxExportBatchSize: 50, durable: { maxBytes: 64 * 1024 } });
    for (let i = 0; i < 5_000; i += 50) {
      emit(i, i + 50);
      await provider.forceFlush();
    }
    expect(stats().diskBytes).toBeLessThanOrEqual(64 * 1024);
    await receiver.start();
    await until(() => stats().onDisk === 0);
    await provider.shutdown();
    const received = new Set(deliveries(receiver).keys());
    const s = stats();
    expect(s.droppedBy['disk-full']).toBeGreaterThan(0);
    expect(received.size + s.dropped).toBe(5_000);
    expect(s.exported).toBe(received.size);
    // The oldest went first, except the batch the sender was retrying all along: what arrived is
    // that first batch and the most recent run of records.
    const recent = received.size - 50;
    expect([...received].sort((a, b) => a - b)).toEqual([...range(0, 50), ...range(5_000 - recent, 5_000)]);
  });

  it('refuses a queue directory that another sink or another live process holds', async () => {
    const sink = otlpSink({ endpoint: receiver.url, durable: { dir } });
    expect(() => otlpSink({ endpoint: receiver.url, durable: { dir } })).toThrow(/already used by another sink of this process/);
    await sink.shutdown();
    // Released: a new sink of this process takes it.
    await otlpSink({ endpoint: receiver.url, durable: { dir } }).shutdown();

    const other = spawn('sleep', ['30']);
    writeFileSync(join(dir, 'lock.7'), `${other.pid} other-owner`);
    expect(() => otlpSink({ endpoint: receiver.url, durable: { dir } })).toThrow(`is in use by process ${other.pid}`);
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    const takeover = otlpSink({ endpoint: receiver.url, durable: { dir } });
    await takeover.shutdown();
  });
});
