import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SeverityNumber, type LogRecordLike } from '@logweave/core';
import { rateLimit, RATE_LIMIT_DURATION_MS, RATE_LIMIT_KEY, RATE_LIMIT_SUPPRESSED } from '../src/index.ts';
import { sdkLines, setUp } from '@logweave/sdk-lines';
import { inTrace } from './in-trace.ts';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2025, 0, 15, 9, 30, 0) });
});

afterEach(() => {
  vi.useRealTimers();
});

const isSummary = (r: LogRecordLike) => r.attributes[RATE_LIMIT_SUPPRESSED] !== undefined;

describe.each(sdkLines)('rateLimit on sdk-logs $line', (line) => {
  it('lets a burst through, drops the rest, and reports them when tokens come back', async () => {
    const stage = rateLimit({ ratePerSec: 10, burst: 5 });
    const { logger, processor, sink } = setUp(line, [stage]);
    for (let i = 0; i < 12; i++) logger.emit({ body: `request ${i}` });
    expect(sink.bodies()).toEqual(['request 0', 'request 1', 'request 2', 'request 3', 'request 4']);

    await vi.advanceTimersByTimeAsync(100);
    logger.emit({ body: 'request 12' });

    expect(sink.bodies().slice(5)).toEqual(['rateLimit suppressed 7 records in the last 0.1 s', 'request 12']);
    const summary = sink.records[5]!;
    expect(summary.severityNumber).toBe(SeverityNumber.WARN);
    expect(summary.severityText).toBe('WARN');
    expect(summary.attributes).toEqual({ [RATE_LIMIT_SUPPRESSED]: 7, [RATE_LIMIT_DURATION_MS]: 100 });
    expect(summary.instrumentationScope.name).toBe('checkout');
    expect(stage.stats()).toEqual({ dropped: { overLimit: 7 }, summaries: 1, pending: 0, keys: 1, evicted: 0, summariesPassed: 0 });
    expect(processor.stats()).toMatchObject({ received: 13, injected: 1, forwarded: 7, droppedBy: { rateLimit: 7 } });
  });

  it('keeps one bucket per attribute value, records without it sharing one', () => {
    const { logger, sink } = setUp(line, [rateLimit({ ratePerSec: 1, burst: 1, perKey: 'tenant.id' })]);
    logger.emit({ body: 'a1', attributes: { 'tenant.id': 'acme' } });
    logger.emit({ body: 'a2', attributes: { 'tenant.id': 'acme' } });
    logger.emit({ body: 'g1', attributes: { 'tenant.id': 'globex' } });
    logger.emit({ body: 'n1' });
    logger.emit({ body: 'n2' });
    expect(sink.bodies()).toEqual(['a1', 'g1', 'n1']);
  });

  it('reports a key that stays quiet once summaryIntervalMillis has passed since its first drop', async () => {
    const { logger, sink } = setUp(line, [rateLimit({ ratePerSec: 1, burst: 1, perKey: 'tenant.id', summaryIntervalMillis: 5_000 })]);
    for (let i = 0; i < 4; i++) logger.emit({ body: 'export started', attributes: { 'tenant.id': 'acme' } });
    await vi.advanceTimersByTimeAsync(4_999);
    expect(sink.records.filter(isSummary)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    const summaries = sink.records.filter(isSummary);
    expect(summaries.map((r) => r.body)).toEqual(['rateLimit suppressed 3 records for key "acme" in the last 5 s']);
    expect(summaries[0]!.attributes[RATE_LIMIT_KEY]).toBe('acme');
  });

  it('writes at most one summary per key per interval under a sustained flood', async () => {
    const stage = rateLimit({ ratePerSec: 10, burst: 1, summaryIntervalMillis: 1_000 });
    const { logger, sink } = setUp(line, [stage]);
    for (let ms = 0; ms < 3_000; ms += 10) {
      logger.emit({ body: 'flood' });
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(1_000);
    // One record in ten gets through; the first summary comes with the first token back, then one a second.
    expect(sink.records.filter((r) => r.body === 'flood')).toHaveLength(30);
    expect(sink.records.filter(isSummary).map((r) => r.attributes[RATE_LIMIT_SUPPRESSED])).toEqual([9, 90, 90, 81]);
    expect(stage.stats()).toMatchObject({ dropped: { overLimit: 270 }, summaries: 4, pending: 0 });
  });

  it('never lets a summary be rate-limited away by a later rateLimit stage', async () => {
    const perTenant = rateLimit({ ratePerSec: 1, burst: 1, perKey: 'tenant.id', name: 'per-tenant' });
    const global = rateLimit({ ratePerSec: 1, burst: 1, name: 'global' });
    const { logger, sink } = setUp(line, [perTenant, global]);
    logger.emit({ body: 'a', attributes: { 'tenant.id': 'acme' } });
    logger.emit({ body: 'b', attributes: { 'tenant.id': 'acme' } });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sink.bodies()).toEqual(['a', 'per-tenant suppressed 1 record for key "acme" in the last 1 s']);
    expect(global.stats().summariesPassed).toBe(1);
  });

  it('reports pending drops on forceFlush and shutdown', async () => {
    const stage = rateLimit({ ratePerSec: 1, burst: 1, summaryIntervalMillis: 60_000 });
    const { logger, processor, sink } = setUp(line, [stage]);
    logger.emit({ body: 'a' });
    logger.emit({ body: 'b' });
    await processor.forceFlush();
    expect(sink.bodies()).toEqual(['a', 'rateLimit suppressed 1 record in the last 0 s']);
    logger.emit({ body: 'c' });
    expect(stage.stats().pending).toBe(1);
    await processor.shutdown();
    expect(sink.records.filter(isSummary)).toHaveLength(2);
    expect(stage.stats().pending).toBe(0);
  });

  it('forgets the least recently used key when maxKeys are in use, reporting its drops first', () => {
    const stage = rateLimit({ ratePerSec: 1, burst: 1, perKey: 'user.id', maxKeys: 2 });
    const { logger, sink } = setUp(line, [stage]);
    const emit = (user: string) => logger.emit({ body: `from ${user}`, attributes: { 'user.id': user } });
    emit('u1');
    emit('u2');
    emit('u1');
    emit('u3');
    emit('u1');
    // u2 was used least recently: u1 is still limited.
    expect(sink.bodies()).toEqual(['from u1', 'from u2', 'from u3']);
    expect(stage.stats()).toMatchObject({ keys: 2, evicted: 1, dropped: { overLimit: 2 }, pending: 2 });
    emit('u4');
    emit('u5');
    expect(sink.bodies().slice(3)).toEqual(['from u4', 'rateLimit suppressed 2 records for key "u1" in the last 0 s', 'from u5']);
    expect(stage.stats()).toMatchObject({ keys: 2, evicted: 3, pending: 0 });
  });

  it('takes the summary scope from the suppressed records and gives it no trace', async () => {
    const { provider, sink } = setUp(line, [rateLimit({ ratePerSec: 1, burst: 1 })]);
    const db = provider.getLogger('db.pool');
    db.emit({ body: 'slow query', context: inTrace('4bf92f3577b34da6a3ce929d0e0e4736') });
    db.emit({ body: 'slow query', context: inTrace('4bf92f3577b34da6a3ce929d0e0e4736') });
    await vi.advanceTimersByTimeAsync(1_000);
    const summary = sink.records.find(isSummary)!;
    expect(summary.instrumentationScope.name).toBe('db.pool');
    expect(summary.spanContext).toBeUndefined();
    expect(summary.hrTime).toEqual([Date.UTC(2025, 0, 15, 9, 30, 1) / 1000, 0]);
  });
});

describe('rateLimit accounting', () => {
  it('reports every dropped record in exactly one summary, whatever the arrival pattern', async () => {
    const arrivals = fc.array(fc.record({ gapMs: fc.integer({ min: 0, max: 400 }), key: fc.constantFrom('a', 'b', 'c') }), {
      maxLength: 150,
    });
    await fc.assert(
      fc.asyncProperty(arrivals, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 5 }), async (records, ratePerSec, burst) => {
        const stage = rateLimit({ ratePerSec, burst, perKey: 'k', summaryIntervalMillis: 500 });
        const { logger, processor, sink } = setUp(sdkLines[0], [stage]);
        for (const { gapMs, key } of records) {
          await vi.advanceTimersByTimeAsync(gapMs);
          logger.emit({ body: 'r', attributes: { k: key } });
        }
        await processor.forceFlush();
        const summaries = sink.records.filter(isSummary);
        const reported = summaries.reduce((n, r) => n + (r.attributes[RATE_LIMIT_SUPPRESSED] as number), 0);
        const { dropped, pending } = stage.stats();
        expect(reported).toBe(dropped.overLimit);
        expect(pending).toBe(0);
        expect(sink.records.length - summaries.length + dropped.overLimit).toBe(records.length);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('rateLimit options', () => {
  it('throws a TypeError naming the option', () => {
    expect(() => rateLimit({} as never)).toThrow(/rateLimit: ratePerSec must be a finite number greater than 0/);
    expect(() => rateLimit({ ratePerSec: 5, burst: 0.5 })).toThrow(/rateLimit: burst must be a finite number of at least 1/);
    expect(() => rateLimit({ ratePerSec: 5, perKey: '' })).toThrow(/rateLimit: perKey must be an attribute name or a function/);
    expect(() => rateLimit({ ratePerSec: 5, maxKeys: 0 })).toThrow(/rateLimit: maxKeys must be an integer of at least 1/);
  });
});
