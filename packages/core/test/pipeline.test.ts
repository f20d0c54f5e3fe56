import { setGlobalErrorHandler } from '@opentelemetry/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DROP, SeverityNumber, type LogRecordLike, type Stage } from '../src/index.ts';
import { sdkLines, setUp } from './sdk-lines.ts';

const dropDebug: Stage = {
  name: 'drop-debug',
  process: (record) => ((record.severityNumber ?? 0) < SeverityNumber.INFO ? DROP : undefined),
};
const tagRegion: Stage = {
  name: 'tag-region',
  process: (record) => {
    record.setAttribute('cloud.region', 'eu-west-1');
  },
};
const throwing: Stage = {
  name: 'broken',
  process: () => {
    throw new Error('stage bug');
  },
};

afterEach(() => {
  setGlobalErrorHandler(() => {});
  vi.useRealTimers();
});

describe.each(sdkLines)('pipeline on sdk-logs $line', (line) => {
  it('runs stages in order and forwards what survives to the sink', () => {
    const { logger, processor, exported } = setUp(line, { stages: [dropDebug, tagRegion] });
    logger.emit({ severityNumber: SeverityNumber.DEBUG, body: 'cache miss' });
    logger.emit({ severityNumber: SeverityNumber.WARN, body: 'disk 91% full', attributes: { 'host.name': 'a1' } });

    expect(exported().map((r) => r.body)).toEqual(['disk 91% full']);
    expect(exported()[0]!.attributes).toEqual({ 'host.name': 'a1', 'cloud.region': 'eu-west-1' });
    expect(processor.stats()).toMatchObject({ received: 2, forwarded: 1, dropped: 1, droppedBy: { 'drop-debug': 1 } });
  });

  it('lets a stage see the mutation of the stage before it', () => {
    const seen: unknown[] = [];
    const reader: Stage = { name: 'reader', process: (r) => void seen.push(r.attributes['cloud.region']) };
    const { logger } = setUp(line, { stages: [tagRegion, reader] });
    logger.emit({ body: 'x' });
    expect(seen).toEqual(['eu-west-1']);
  });

  it('keeps a record going and reports once when a stage throws on every record', () => {
    const reported: Error[] = [];
    setGlobalErrorHandler((e) => void reported.push(e as Error));
    const { logger, processor, exported } = setUp(line, { stages: [throwing, tagRegion] });

    expect(() => {
      for (let i = 0; i < 100; i++) logger.emit({ body: `order ${i}` });
    }).not.toThrow();

    expect(exported()).toHaveLength(100);
    expect(exported()[99]!.attributes['cloud.region']).toBe('eu-west-1');
    expect(processor.stats().stageErrors).toEqual({ broken: 100 });
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toContain('stage broken failed: stage bug');
  });

  it('reports again after the rate-limit window with the number suppressed', () => {
    vi.useFakeTimers();
    const reported: Error[] = [];
    setGlobalErrorHandler((e) => void reported.push(e as Error));
    const { logger } = setUp(line, { stages: [throwing] });
    for (let i = 0; i < 5; i++) logger.emit({ body: 'a' });
    vi.advanceTimersByTime(10_000);
    logger.emit({ body: 'b' });
    expect(reported.map((e) => e.message)).toEqual([
      'logweave pipeline: stage broken failed: stage bug',
      'logweave pipeline: stage broken failed: stage bug (4 more since the last report)',
    ]);
  });

  it('counts two stages of the same name apart', () => {
    const { logger, processor } = setUp(line, { stages: [tagRegion, dropDebug, { ...dropDebug }] });
    logger.emit({ severityNumber: SeverityNumber.TRACE, body: 'x' });
    expect(processor.stats().droppedBy).toEqual({ 'drop-debug': 1 });
    const twin: Stage = { name: 'drop-debug', process: () => DROP };
    const second = setUp(line, { stages: [{ name: 'drop-debug', process: () => undefined }, twin] });
    second.logger.emit({ body: 'y' });
    expect(second.processor.stats().droppedBy).toEqual({ 'drop-debug#2': 1 });
  });

  it('does nothing with records emitted after shutdown and shuts down once', async () => {
    const shutdowns = vi.fn(async () => {});
    const { logger, processor, exported } = setUp(line, { stages: [{ name: 's', process: () => {}, shutdown: shutdowns }] });
    await Promise.all([processor.shutdown(), processor.shutdown()]);
    await processor.shutdown();
    logger.emit({ body: 'late' });
    processor.onEmit({} as LogRecordLike);
    expect(exported()).toHaveLength(0);
    expect(shutdowns).toHaveBeenCalledTimes(1);
    expect(processor.stats().droppedBy).toEqual({ 'after-shutdown': 1 });
  });

  it('answers enabled() false when a stage says every such record would be dropped', () => {
    const minWarn: Stage = {
      name: 'min-warn',
      process: () => {},
      enabled: (o) => (o.severityNumber ?? 0) >= SeverityNumber.WARN,
    };
    const { logger } = setUp(line, { stages: [minWarn] });
    expect(logger.enabled({ severityNumber: SeverityNumber.DEBUG })).toBe(false);
    expect(logger.enabled({ severityNumber: SeverityNumber.ERROR })).toBe(true);
  });

  it('sends records a stage releases later through the stages after it', async () => {
    const held: LogRecordLike[] = [];
    let forward: ((r: LogRecordLike) => void) | undefined;
    const holder: Stage = {
      name: 'holder',
      start: (host) => {
        forward = host.forward;
      },
      process: (record) => {
        held.push(record);
        return DROP;
      },
      forceFlush: async () => {
        held.splice(0).forEach((r) => forward!(r));
      },
    };
    const seenAfter: string[] = [];
    const after: Stage = { name: 'after', process: (r) => void seenAfter.push(String(r.body)) };
    const { logger, processor, exported } = setUp(line, { stages: [holder, after] });
    logger.emit({ body: 'held' });
    expect(exported()).toHaveLength(0);
    await processor.forceFlush();
    expect(seenAfter).toEqual(['held']);
    expect(exported().map((r) => r.body)).toEqual(['held']);
    expect(processor.stats()).toMatchObject({ received: 1, injected: 1, forwarded: 1 });
  });
});
