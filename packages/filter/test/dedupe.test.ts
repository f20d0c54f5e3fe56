import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SeverityNumber, type LogRecordLike, type Stage } from '@logweave/core';
import { dedupe, DEDUPE_COUNT, DEDUPE_FIRST_SEEN, DEDUPE_LAST_SEEN } from '../src/index.ts';
import { sdkLines, setUp } from '@logweave/sdk-lines';

const T0 = Date.UTC(2025, 0, 15, 9, 30, 0);
const WARN = SeverityNumber.WARN;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe.each(sdkLines)('dedupe on sdk-logs $line', (line) => {
  it('collapses identical records of a window into one carrying the count and first/last seen', async () => {
    const stage = dedupe({ windowMillis: 10_000 });
    const { logger, processor, sink } = setUp(line, [stage]);
    const emitTimeout = () =>
      logger.emit({ severityNumber: WARN, body: 'upstream timeout', attributes: { 'server.address': 'inventory', attempt: 3 } });

    emitTimeout();
    await vi.advanceTimersByTimeAsync(2_000);
    emitTimeout();
    await vi.advanceTimersByTimeAsync(3_000);
    emitTimeout();
    expect(sink.records).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(5_000);
    expect(sink.records).toHaveLength(1);
    const released = sink.records[0]!;
    expect(released.body).toBe('upstream timeout');
    expect(released.attributes).toEqual({
      'server.address': 'inventory',
      attempt: 3,
      [DEDUPE_COUNT]: 3,
      [DEDUPE_FIRST_SEEN]: '2025-01-15T09:30:00.000Z',
      [DEDUPE_LAST_SEEN]: '2025-01-15T09:30:05.000Z',
    });
    expect(stage.stats()).toEqual({
      open: 0,
      held: 1,
      dropped: { duplicate: 2 },
      released: { summaries: 1, singles: 0 },
      evicted: 0,
    });
    expect(processor.stats()).toMatchObject({ received: 3, injected: 1, forwarded: 1, held: 1, dropped: 2, droppedBy: { dedupe: 2 } });
  });

  it('releases a record seen once unchanged when its window closes', async () => {
    const { logger, sink } = setUp(line, [dedupe({ windowMillis: 1_000 })]);
    logger.emit({ body: 'order 17 placed', attributes: { 'order.id': 17 } });
    await vi.advanceTimersByTimeAsync(999);
    expect(sink.records).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(sink.bodies()).toEqual(['order 17 placed']);
    expect(sink.records[0]!.attributes).toEqual({ 'order.id': 17 });
  });

  it('tells records apart by body, severity, scope and attributes, whatever the attribute order', async () => {
    const stage = dedupe({ windowMillis: 1_000 });
    const { provider, logger, sink } = setUp(line, [stage]);
    logger.emit({ body: 'retry', attributes: { a: 1, b: 'x' } });
    logger.emit({ body: 'retry', attributes: { b: 'x', a: 1 } });
    logger.emit({ body: 'retry', attributes: { a: 1, b: 'y' } });
    logger.emit({ body: 'retry', attributes: { a: '1', b: 'x' } });
    logger.emit({ body: 'retry', severityNumber: WARN, attributes: { a: 1, b: 'x' } });
    provider.getLogger('billing').emit({ body: 'retry', attributes: { a: 1, b: 'x' } });
    logger.emit({ body: { step: 'retry' } });
    logger.emit({ body: { step: 'retry' }, attributes: { 'log.record.uid': '0190b3c2-0000-7000-8000-000000000001' } });

    await vi.advanceTimersByTimeAsync(1_000);
    expect(sink.records.map((r) => r.attributes[DEDUPE_COUNT])).toEqual([2, undefined, undefined, undefined, undefined, 2]);
    expect(stage.stats().dropped.duplicate).toBe(2);
  });

  it('opens a new window for a record that comes after its window closed', async () => {
    const { logger, sink } = setUp(line, [dedupe({ windowMillis: 1_000 })]);
    logger.emit({ body: 'tick' });
    logger.emit({ body: 'tick' });
    await vi.advanceTimersByTimeAsync(1_500);
    logger.emit({ body: 'tick' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sink.records.map((r) => r.attributes[DEDUPE_COUNT])).toEqual([2, undefined]);
  });

  it('releases every open window on forceFlush and on shutdown', async () => {
    const stage = dedupe({ windowMillis: 60_000 });
    const { logger, processor, sink } = setUp(line, [stage]);
    logger.emit({ body: 'a' });
    logger.emit({ body: 'a' });
    logger.emit({ body: 'b' });
    await processor.forceFlush();
    expect(sink.bodies()).toEqual(['a', 'b']);
    expect(sink.records[0]!.attributes[DEDUPE_COUNT]).toBe(2);

    logger.emit({ body: 'c' });
    await processor.shutdown();
    expect(sink.bodies()).toEqual(['a', 'b', 'c']);
    expect(stage.stats().open).toBe(0);
  });

  it('closes the oldest window early when maxKeys windows are open, and counts it', async () => {
    const stage = dedupe({ windowMillis: 10_000, maxKeys: 2 });
    const { logger, sink } = setUp(line, [stage]);
    logger.emit({ body: 'first' });
    logger.emit({ body: 'first' });
    logger.emit({ body: 'second' });
    logger.emit({ body: 'third' });
    expect(sink.bodies()).toEqual(['first']);
    expect(sink.records[0]!.attributes[DEDUPE_COUNT]).toBe(2);
    expect(stage.stats()).toMatchObject({ open: 2, evicted: 1 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sink.bodies()).toEqual(['first', 'second', 'third']);
  });

  it('uses a key function, and lets through at once what it returns no key for', async () => {
    const byCode = dedupe({
      windowMillis: 1_000,
      key: (record) => (typeof record.attributes['error.type'] === 'string' ? record.attributes['error.type'] : undefined),
    });
    const { logger, sink } = setUp(line, [byCode]);
    logger.emit({ body: 'ECONNRESET on 10.0.0.7', attributes: { 'error.type': 'ECONNRESET' } });
    logger.emit({ body: 'ECONNRESET on 10.0.0.9', attributes: { 'error.type': 'ECONNRESET' } });
    logger.emit({ body: 'user signed in' });
    expect(sink.bodies()).toEqual(['user signed in']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sink.bodies()).toEqual(['user signed in', 'ECONNRESET on 10.0.0.7']);
    expect(sink.records[1]!.attributes[DEDUPE_COUNT]).toBe(2);
  });

  it('sends the released record through the stages after it, not those before', async () => {
    const seen: string[] = [];
    const spy = (name: string): Stage => ({ name, process: (r: LogRecordLike) => void seen.push(`${name}:${String(r.body)}`) });
    const { logger } = setUp(line, [spy('before'), dedupe({ windowMillis: 1_000 }), spy('after')]);
    logger.emit({ body: 'x' });
    logger.emit({ body: 'x' });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(seen).toEqual(['before:x', 'before:x', 'after:x']);
  });
});

describe('dedupe timers', () => {
  it('keeps no timer holding the process open while windows are pending', async () => {
    vi.useRealTimers();
    const { logger, processor } = setUp(sdkLines[0], [dedupe({ windowMillis: 60_000 })]);
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    logger.emit({ body: 'held for a minute' });
    expect(timers()).toBe(before);
    await processor.shutdown();
  });
});

describe('dedupe options', () => {
  it('throws a TypeError naming the option', () => {
    expect(() => dedupe({ windowMillis: 0 })).toThrow(/dedupe: windowMillis must be a finite number greater than 0/);
    expect(() => dedupe({ maxKeys: 1.5 })).toThrow(/dedupe: maxKeys must be an integer/);
    expect(() => dedupe({ key: 'body' as never })).toThrow(/dedupe: key must be a function/);
    expect(() => dedupe({ ignoreAttributes: 'uid' as never })).toThrow(/dedupe: ignoreAttributes must be an array/);
  });
});
