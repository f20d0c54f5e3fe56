import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { afterEach, describe, expect, it } from 'vitest';
import { pipeline, type LogRecordLike, type Sink } from '../src/index.ts';

function collecting(): Sink & { bodies: unknown[]; flushes: number; shutdowns: number } {
  return {
    bodies: [],
    flushes: 0,
    shutdowns: 0,
    onEmit(record: LogRecordLike) {
      this.bodies.push(record.body);
    },
    async forceFlush() {
      this.flushes++;
    },
    async shutdown() {
      this.shutdowns++;
    },
  };
}

afterEach(() => setGlobalErrorHandler(() => {}));

describe('pipeline sinks', () => {
  it('hands every record to every sink, even when one of them throws', () => {
    setGlobalErrorHandler(() => {});
    const broken: Sink = { ...collecting(), onEmit: () => { throw new Error('full'); } };
    const a = collecting();
    const b = collecting();
    const logs = pipeline({ sink: [a, broken, b] });
    const logger = new LoggerProvider({ processors: [logs] }).getLogger('x');
    logger.emit({ body: 'one' });
    logger.emit({ body: 'two' });
    expect(a.bodies).toEqual(['one', 'two']);
    expect(b.bodies).toEqual(['one', 'two']);
    expect(logs.stats()).toMatchObject({ forwarded: 2, sinkErrors: { '1': 2 } });
  });

  it('flushes and shuts down every sink, and still fails when one shutdown fails', async () => {
    const a = collecting();
    const failing: Sink = { ...collecting(), shutdown: async () => { throw new Error('export failed'); } };
    const logs = pipeline({ sink: [failing, a] });
    await logs.forceFlush();
    expect(a.flushes).toBe(1);
    await expect(logs.shutdown()).rejects.toThrow('export failed');
    expect(a.shutdowns).toBe(1);
  });

  it('answers enabled() true when any sink is enabled, false when none is', () => {
    const off = { ...collecting(), enabled: () => false };
    const on = { ...collecting(), enabled: () => true };
    const scope = { name: 'x' };
    const context = {} as never;
    expect(pipeline({ sink: [off, on] }).enabled({ context, instrumentationScope: scope })).toBe(true);
    expect(pipeline({ sink: [off] }).enabled({ context, instrumentationScope: scope })).toBe(false);
  });
});
