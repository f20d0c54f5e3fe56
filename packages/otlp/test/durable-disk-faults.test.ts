import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs } from '../src/durable/durable-fs.ts';
import type { DurableStats } from '../src/index.ts';
import { deliveries, durableSink, range, until } from './fixtures/durable-support.ts';
import { failingFs } from './fixtures/faulty-fs.ts';

const child = fileURLToPath(new URL('./fixtures/durable-disk-child.ts', import.meta.url));
const DISK_BYTES = 2 * 1024 * 1024;

let receiver: OtlpReceiver;
let scratch: string;
/** A 2 MB tmpfs, when this process may mount one (root); otherwise the child simulates the disk. */
let tmpfs: string | undefined;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'logweave-disk-'));
  const mountPoint = mkdtempSync(join(tmpdir(), 'logweave-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_BYTES}`, 'tmpfs', mountPoint], { stdio: 'ignore' });
    tmpfs = mountPoint;
  } catch {
    rmSync(mountPoint, { recursive: true, force: true });
  }
});
afterAll(() => {
  if (tmpfs !== undefined) {
    execFileSync('umount', [tmpfs]);
    rmSync(tmpfs, { recursive: true, force: true });
  }
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  receiver = await startOtlpReceiver();
});
afterEach(() => receiver.close());

function indexOf(body: unknown): number {
  return Number(/^record (\d+)/.exec(String(body))![1]);
}

describe('otlpSink durable mode on a failing disk', () => {
  // On a real tmpfs (a simulated disk of the same size where none can be mounted), and on a simulated disk.
  it.each(['tmpfs', 'simulated'])('lets nothing escape and counts every lost record when a 2 MB disk fills (%s)', { timeout: 60_000 }, async (disk) => {
    await receiver.stop();
    const args = disk === 'tmpfs' && tmpfs !== undefined
      ? [join(tmpfs, 'queue'), receiver.url]
      : [join(scratch, `queue-${disk}`), receiver.url, String(DISK_BYTES)];
    const proc = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if (chunk.includes('emitted')) void receiver.start();
    });
    const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
    const lines = output.trim().split('\n');
    expect(lines.filter((line) => line.startsWith('escaped'))).toEqual([]);
    expect(code).toBe(0);

    const counts = new Map<number, number>();
    for (const record of receiver.records()) counts.set(indexOf(record.body), (counts.get(indexOf(record.body)) ?? 0) + 1);
    const acked = lines.filter((l) => l.startsWith('acked ')).flatMap((l) => range(...(l.split(' ').slice(1).map(Number) as [number, number])));
    const unacked = lines.filter((l) => l.startsWith('unacked '));
    const stats = JSON.parse(lines.at(-1)!.slice('stats '.length)) as DurableStats;

    expect(unacked.length).toBeGreaterThan(0); // the disk did fill
    expect(lines.at(-2)).toBe('acked 4000 4100'); // and took writes again once the backlog was sent
    expect(acked.filter((i) => counts.get(i) !== 1 && stats.onDisk === 0)).toEqual([]);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([]);
    expect(stats.received).toBe(4_100);
    expect(stats.exported).toBe(counts.size);
    expect(stats.received).toBe(stats.queued + stats.inFlight + stats.onDisk + stats.exported + stats.rejected + stats.dropped);
    expect(stats.diskErrors).toBeGreaterThan(0);
  });

  it('lets nothing escape when any one I/O call, or every call from then on, fails', { timeout: 120_000 }, async () => {
    const real = { ...nodeFs };
    const escaped: unknown[] = [];
    const onUnhandled = (reason: unknown) => escaped.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      // A run without faults says how many I/O calls the scenario makes.
      const calls = await scenario(0, () => undefined);
      expect(calls).toBeGreaterThan(10);
      let run = 1;
      for (const [mode, code] of [['once', 'ENOSPC'], ['from', 'EROFS']] as const) {
        for (let k = 1; k <= calls; k++, run++) {
          await scenario(run, (call) => ((mode === 'once' ? call === k : call >= k) ? code : undefined));
        }
      }
    } finally {
      Object.assign(nodeFs, real);
      process.off('unhandledRejection', onUnhandled);
    }
    expect(escaped).toEqual([]);

    /** 60 records, a forceFlush between the halves, then shutdown; returns the I/O calls made. */
    async function scenario(run: number, fault: (call: number) => string | undefined): Promise<number> {
      const failing = failingFs(real, fault);
      Object.assign(nodeFs, failing);
      const base = run * 100;
      const dir = mkdtempSync(join(scratch, 'run-'));
      let sink!: ReturnType<typeof durableSink>;
      expect(() => (sink = durableSink(receiver.url, dir, { flushTimeoutMillis: 300 }))).not.toThrow();
      sink.emit(base, base + 30);
      const flushed = await sink.provider.forceFlush().then(() => true, () => false);
      sink.emit(base + 30, base + 60);
      await expect(sink.provider.shutdown()).resolves.toBeUndefined();
      Object.assign(nodeFs, real);
      const counts = deliveries(receiver);
      const delivered = range(base, base + 60).filter((i) => counts.has(i));
      const s = sink.stats();
      expect(s.received + s.replayed).toBe(s.queued + s.inFlight + s.onDisk + s.exported + s.rejected + s.dropped);
      expect(s.exported).toBe(delivered.length);
      expect(delivered.length + s.onDisk + s.dropped).toBe(60);
      if (flushed && s.onDisk === 0) expect(range(base, base + 30).filter((i) => !counts.has(i))).toEqual([]);
      return failing.calls();
    }
  });

  it('rejects forceFlush while records are in memory only, and resolves again once the disk takes writes', { timeout: 30_000 }, async () => {
    const real = { ...nodeFs };
    let full = true;
    Object.assign(nodeFs, failingFs(real, (_, name) => (full && name === 'handle.write' ? 'ENOSPC' : undefined)));
    try {
      await receiver.stop();
      const sink = durableSink(receiver.url, mkdtempSync(join(scratch, 'flush-')), { flushTimeoutMillis: 200 });
      sink.emit(0, 10);
      await expect(sink.provider.forceFlush()).rejects.toThrow(/not on disk: 0 records dropped since the last flush, 10 still in memory only/);
      full = false;
      await until(() => sink.stats().persisted === 10);
      await expect(sink.provider.forceFlush()).resolves.toBeUndefined();
      sink.emit(10, 20);
      await expect(sink.provider.forceFlush()).resolves.toBeUndefined();
      expect(sink.stats()).toMatchObject({ persisted: 20, onDisk: 20, dropped: 0 });
      await receiver.start();
      await until(() => sink.stats().onDisk === 0);
      await sink.provider.shutdown();
      expect(range(0, 20).filter((i) => deliveries(receiver).get(i) !== 1)).toEqual([]);
    } finally {
      Object.assign(nodeFs, real);
    }
  });
});
