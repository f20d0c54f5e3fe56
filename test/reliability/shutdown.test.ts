import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { AFTER_SHUTDOWN, pipeline, type PipelineStats } from '@logweave/core';
import type { DurableStats } from '@logweave/otlp';
import { memorySink, startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastJson, runFixture } from './support/child-process.ts';
import { receivedIds } from './support/checks.ts';
import { ID, providerTo } from './support/full-pipeline.ts';

interface ExitLine {
  code: number;
  /** From the last emit to the `exit` event. */
  exitMillis: number;
  pipeline: PipelineStats;
  sink: Partial<DurableStats> & Omit<DurableStats, 'persisted' | 'onDisk' | 'diskBytes' | 'replayed' | 'corruptEntries'>;
}

const RECORDS = 5000;
const all = Array.from({ length: RECORDS }, (_, i) => `r${i}`);
/**
 * Far below otlpSink's own flushTimeoutMillis (30 s), which would otherwise end a shutdown that
 * waits on a collector that never answers: an exit sooner than this was bounded by shutdownOnExit.
 */
const BOUND_MILLIS = 10_000;

let receiver: OtlpReceiver;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  receiver = await startOtlpReceiver();
});
afterEach(() => receiver.close());

function runChild(mode: 'signal' | 'idle', env: Record<string, string>) {
  return runFixture('shutdown-child.ts', { RECEIVER_URL: receiver.url, MODE: mode, RECORDS: String(RECORDS), ...env }, {
    onLine: (line, child) => void (line === 'ready' && child.kill('SIGTERM')),
  });
}

describe('shutdownOnExit with an otlpSink, in a child process', { timeout: 60_000 }, () => {
  it('SIGTERM: every queued record reaches a slow collector, then the process exits 143', async () => {
    receiver.inject({ kind: 'delay', ms: 300 }, Infinity);
    const run = await runChild('signal', { TIMEOUT_MILLIS: String(BOUND_MILLIS) });
    const exit = lastJson<ExitLine>(run);

    expect(run.code).toBe(143);
    expect(receivedIds(receiver).sort()).toEqual([...all].sort());
    expect(exit.sink).toMatchObject({ received: RECORDS, exported: RECORDS, queued: 0, inFlight: 0, dropped: 0 });
    expect(exit.exitMillis).toBeLessThan(BOUND_MILLIS);
  });

  it('beforeExit: an application that simply ends has every queued record delivered to a slow collector', async () => {
    receiver.inject({ kind: 'delay', ms: 300 }, Infinity);
    const run = await runChild('idle', { TIMEOUT_MILLIS: String(BOUND_MILLIS) });
    const exit = lastJson<ExitLine>(run);

    expect(run.code).toBe(0);
    expect(receivedIds(receiver).sort()).toEqual([...all].sort());
    expect(exit.sink).toMatchObject({ received: RECORDS, exported: RECORDS, queued: 0, inFlight: 0, dropped: 0 });
  });

  it('SIGTERM with a collector that never answers: exits 143 after timeoutMillis; what was not sent is still queued or in flight at exit', async () => {
    receiver.inject({ kind: 'hang' }, Infinity);
    const run = await runChild('signal', { TIMEOUT_MILLIS: '1000' });
    const exit = lastJson<ExitLine>(run);

    expect(run.code).toBe(143);
    expect(exit.exitMillis).toBeLessThan(BOUND_MILLIS);
    expect(receiver.records()).toEqual([]);
    expect(exit.sink).toMatchObject({ received: RECORDS, exported: 0, dropped: 0 });
    expect(exit.sink.queued + exit.sink.inFlight).toBe(RECORDS);
  });

  it('beforeExit with a collector that never answers: the process ends within timeoutMillis too', async () => {
    receiver.inject({ kind: 'hang' }, Infinity);
    const run = await runChild('idle', { TIMEOUT_MILLIS: '1000' });
    const exit = lastJson<ExitLine>(run);

    expect(exit.exitMillis).toBeLessThan(BOUND_MILLIS);
    expect(receiver.records()).toEqual([]);
    expect(exit.sink.received).toBe(RECORDS);
  });

  it('SIGTERM in durable mode with a collector that never answers: every record is on disk at exit, and the next process delivers them all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'logweave-reliability-'));
    try {
      receiver.inject({ kind: 'hang' }, Infinity);
      const first = await runChild('signal', { TIMEOUT_MILLIS: '1500', DURABLE_DIR: dir });
      expect(first.code).toBe(143);
      expect(lastJson<ExitLine>(first).sink).toMatchObject({ received: RECORDS, persisted: RECORDS, onDisk: RECORDS, exported: 0 });

      receiver.clearFaults();
      const second = await runChild('idle', { TIMEOUT_MILLIS: String(BOUND_MILLIS), DURABLE_DIR: dir, RECORDS: '0' });
      expect(second.code).toBe(0);
      expect(lastJson<ExitLine>(second).sink).toMatchObject({ replayed: RECORDS, exported: RECORDS, onDisk: 0, dropped: 0 });
      expect(receivedIds(receiver).sort()).toEqual([...all].sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('shutdown() in process', () => {
  function emitTen() {
    const setup = providerTo(receiver.url);
    for (let i = 0; i < 10; i++) setup.logger.emit({ body: `order ${i}`, attributes: { [ID]: `r${i}` } });
    return setup;
  }

  it('is safe twice, concurrently and again later: records are delivered once and no counter moves', async () => {
    const { provider, processor, sink } = emitTen();
    await expect(Promise.all([provider.shutdown(), provider.shutdown()])).resolves.toBeDefined();
    const after = { pipeline: processor.stats(), sink: sink.stats() };
    await expect(provider.shutdown()).resolves.toBeUndefined();
    await expect(processor.shutdown()).resolves.toBeUndefined();
    await expect(sink.shutdown()).resolves.toBeUndefined();
    await expect(provider.forceFlush()).resolves.toBeUndefined();

    expect(receivedIds(receiver)).toEqual(all.slice(0, 10));
    expect({ pipeline: processor.stats(), sink: sink.stats() }).toEqual(after);
    expect(after.sink).toMatchObject({ received: 10, exported: 10, dropped: 0 });
  });

  it('makes emit a no-op after provider.shutdown(): the SDK stops the record before the pipeline', async () => {
    const { provider, processor, logger } = emitTen();
    await provider.shutdown();
    expect(() => logger.emit({ body: 'late', attributes: { [ID]: 'late' } })).not.toThrow();

    expect(processor.stats().received).toBe(10);
    expect(receivedIds(receiver)).toEqual(all.slice(0, 10));
  });

  it('makes emit a no-op after the pipeline alone is shut down: it answers enabled() false, so the SDK builds no record', async () => {
    const { provider, processor, sink, logger } = emitTen();
    await processor.shutdown();
    expect(() => logger.emit({ body: 'late', attributes: { [ID]: 'late' } })).not.toThrow();
    await provider.shutdown();

    expect(processor.stats()).toMatchObject({ received: 10, dropped: 0 });
    expect(sink.stats()).toMatchObject({ received: 10, exported: 10 });
    expect(receivedIds(receiver)).toEqual(all.slice(0, 10));
  });

  it('counts a record handed to onEmit after shutdown (by a caller that does not ask enabled()) as after-shutdown, and sends it nowhere', async () => {
    const { provider, processor, sink } = emitTen();
    await provider.forceFlush();
    const kept = memorySink();
    new LoggerProvider({ processors: [pipeline({ sink: kept })] }).getLogger('other').emit({ body: 'late' });
    await processor.shutdown();
    expect(() => processor.onEmit(kept.records[0]!)).not.toThrow();

    expect(processor.stats()).toMatchObject({ received: 11, dropped: 1, droppedBy: { [AFTER_SHUTDOWN]: 1 } });
    expect(sink.stats()).toMatchObject({ received: 10, exported: 10 });
    await provider.shutdown();
  });
});
