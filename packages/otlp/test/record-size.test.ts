import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type LogRecordLike } from '@logweave/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protobufEncoder } from '../src/index.ts';
import { estimateRecordBytes } from '../src/internal/record-size.ts';

/** Records as the SDK builds them, through a pipeline, one per emit. */
function sdkRecords() {
  const captured: LogRecordLike[] = [];
  const sink = { onEmit: (r: LogRecordLike) => void captured.push(r), forceFlush: async () => {}, shutdown: async () => {} };
  const logger = new LoggerProvider({ processors: [pipeline({ sink })] }).getLogger('orders');
  return (args: Parameters<typeof logger.emit>[0]): LogRecordLike => {
    logger.emit(args);
    return captured.pop()!;
  };
}

const ascii = (maxLength: number) => fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789 ._-/:'), maxLength });
const key = ascii(16).filter((k) => k.length > 0);
const scalar = fc.oneof(ascii(100), fc.integer(), fc.double({ noNaN: true }), fc.boolean());
const nested = fc.oneof(scalar, fc.array(scalar, { maxLength: 5 }), fc.dictionary(key, scalar, { maxKeys: 4 }));
const body = fc.oneof(ascii(400), fc.dictionary(key, nested, { maxKeys: 6 }), fc.array(scalar, { maxLength: 8 }));
const emitArgs = fc.record({
  body,
  severityText: fc.constantFrom('INFO', 'WARN', 'ERROR', ''),
  attributes: fc.dictionary(key, scalar, { maxKeys: 10 }),
});

describe('estimateRecordBytes', () => {
  it('stays between 0.8× and 2× of the protobuf bytes of any record of ASCII text', () => {
    const record = sdkRecords();
    const encoder = protobufEncoder();
    const base = record({ body: 'base' });
    const baseBytes = encoder.encode([base]).length;
    fc.assert(
      fc.property(emitArgs, (args) => {
        const r = record(args);
        // What the record adds to a request that already holds one: its LogRecord message alone.
        const encoded = encoder.encode([base, r]).length - baseBytes;
        const estimate = estimateRecordBytes(r);
        expect(estimate).toBeGreaterThanOrEqual(0.8 * encoded);
        expect(estimate).toBeLessThanOrEqual(2 * encoded);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a string nested deep in a body, and bounds the walk of a cycle or a huge array', () => {
    const record = sdkRecords();
    const text = 'x'.repeat(50_000);
    expect(estimateRecordBytes(record({ body: { a: { b: { c: { d: text } } } } }))).toBeGreaterThan(50_000);
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle['self'] = cycle;
    // Cut at 128 levels, as the encoders write '[nested too deep]' there.
    expect(estimateRecordBytes({ body: cycle, attributes: {} })).toBeLessThan(128 * 32);
    // A million values: the first 10,000 are counted, the rest not read.
    const huge = Array.from({ length: 1_000_000 }, () => 'ab');
    const size = estimateRecordBytes({ body: huge, attributes: {} });
    expect(size).toBeGreaterThan(10_000 * 4 - 100);
    expect(size).toBeLessThan(10_000 * 4 + 100);
  });
});
