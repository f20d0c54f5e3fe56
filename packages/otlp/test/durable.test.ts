import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeverityNumber } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline } from '@logweave/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { otlpSink, type DurableStats, type OtlpSinkOptions } from '../src/index.ts';

const child = fileURLToPath(new URL('./fixtures/durable-child.ts', import.meta.url));
const quickRetry = { initialIntervalMillis: 50, maxIntervalMillis: 500, maxElapsedMillis: 0 };

let receiver: OtlpReceiver;
let dir: string;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  receiver = await startOtlpReceiver();
  dir = mkdtempSync(join(tmpdir(), 'logweave-durable-'));
});
afterEach(async () => {
  await receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

function durableSink(options: Omit<OtlpSinkOptions, 'durable'> & { durable?: Partial<NonNullable<OtlpSinkOptions['durable']>> } = {}) {
  const { durable, ...rest } = options;
  const sink = otlpSink({
    endpoint: receiver.url,
    scheduledDelayMillis: 5,
    retry: quickRetry,
    flushTimeoutMillis: 5_000,
    ...rest,
    durable: { dir, ...durable },
  });
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  const logger = provider.getLogger('audit');
  const emit = (from: number, to: number) => {
    for (let i = from; i < to; i++) logger.emit({ severityNumber: SeverityNumber.INFO, body: `record ${i}` });
  };
  return { sink, provider, emit, stats: () => sink.stats() as DurableStats };
}

const receivedIndexes = () => new Set(receiver.records().map((r) => Number(String(r.body).slice('record '.length))));

async function until(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('otlpSink durable mode', () => {
  it('delivers all 10k records emitted while the collector is down for 30 s', { timeout: 90_000 }, async () => {
    await receiver.stop();
    const { provider, emit, stats } = durableSink();
    for (let i = 0; i < 10_000; i += 500) {
      emit(i, i + 500);
      await new Promise((resolve) => setTimeout(resolve, 1_400));
    }
    await provider.forceFlush();
    expect(stats()).toMatchObject({ received: 10_000, persisted: 10_000, onDisk: 10_000, exported: 0, dropped: 0 });
    await receiver.start();
    await until(() => stats().onDisk === 0);
    await provider.shutdown();
    expect(receivedIndexes().size).toBe(10_000);
    expect(stats()).toMatchObject({ exported: 10_000, dropped: 0 });
    expect(new Set(receiver.records().map((r) => r.attributes['log.record.uid'])).size).toBe(10_000);
  });

  it('delivers after a restart every record a SIGKILLed process had acknowledged', { timeout: 60_000 }, async () => {
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
    const received = receivedIndexes();
    const missing = Array.from({ length: ackedBeforeKill }, (_, i) => i).filter((i) => !received.has(i));
    expect(missing).toEqual([]);
  });

  it('recovers a truncated segment: whole entries are sent, the torn tail is skipped', { timeout: 30_000 }, async () => {
    await receiver.stop();
    const first = durableSink({ maxExportBatchSize: 10, flushTimeoutMillis: 50 });
    for (let i = 0; i < 50; i += 10) {
      first.emit(i, i + 10);
      await first.provider.forceFlush();
    }
    await first.provider.shutdown();
    const segment = readdirSync(dir).filter((f) => f.endsWith('.wal')).sort().at(-1)!;
    const path = join(dir, segment);
    const size = statSync(path).size;
    truncateSync(path, size - 7);
    appendFileSync(path, Buffer.from('garbage that is not an entry'));
    expect(readFileSync(path).byteLength).toBeGreaterThan(0);

    await receiver.start();
    const second = durableSink();
    await until(() => receiver.records().length >= 40);
    await second.provider.shutdown();
    expect([...receivedIndexes()].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(second.stats()).toMatchObject({ replayed: 40, corruptEntries: 1 });
  });

  it('drops the oldest entries at the disk limit and counts exactly what is missing', { timeout: 30_000 }, async () => {
    await receiver.stop();
    const { provider, emit, stats } = durableSink({ maxExportBatchSize: 50, durable: { maxBytes: 64 * 1024 } });
    for (let i = 0; i < 5_000; i += 50) {
      emit(i, i + 50);
      await provider.forceFlush();
    }
    expect(stats().diskBytes).toBeLessThanOrEqual(64 * 1024);
    await receiver.start();
    await until(() => stats().onDisk === 0);
    await provider.shutdown();
    const received = receivedIndexes();
    const s = stats();
    expect(s.droppedBy['disk-full']).toBeGreaterThan(0);
    expect(received.size + s.dropped).toBe(5_000);
    expect(s.exported).toBe(received.size);
    // The oldest went first, except the batch the sender was retrying all along: what arrived is
    // that first batch and the most recent run of records.
    const recent = received.size - 50;
    const expected = [...Array.from({ length: 50 }, (_, i) => i), ...Array.from({ length: recent }, (_, i) => 5_000 - recent + i)];
    expect([...received].sort((a, b) => a - b)).toEqual(expected);
  });

  it('refuses a queue directory that another sink or another live process holds', async () => {
    const sink = otlpSink({ endpoint: receiver.url, durable: { dir } });
    expect(() => otlpSink({ endpoint: receiver.url, durable: { dir } })).toThrow(/already used by another sink of this process/);
    await sink.shutdown();

    const other = spawn('sleep', ['30']);
    writeFileSync(join(dir, 'lock'), String(other.pid));
    expect(() => otlpSink({ endpoint: receiver.url, durable: { dir } })).toThrow(`is in use by process ${other.pid}`);
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    const takeover = otlpSink({ endpoint: receiver.url, durable: { dir } });
    await takeover.shutdown();
  });
});
