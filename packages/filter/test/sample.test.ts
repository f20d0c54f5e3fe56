import { createHash } from 'node:crypto';
import { createTraceState, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SeverityNumber, type LogRecordLike } from '@logweave/core';
import { sample } from '../src/index.ts';
import { sdkLines, setUp } from '@logweave/sdk-lines';
import { inTrace } from './in-trace.ts';

const { DEBUG, INFO, WARN, ERROR } = SeverityNumber;

/** Deterministic, well-spread trace ids. */
const traceIds = (count: number) =>
  Array.from({ length: count }, (_, i) => createHash('sha256').update(`trace ${i}`).digest('hex').slice(0, 32));

const hexTraceId = fc.stringMatching(/^[0-9a-f]{32}$/).filter((id) => id !== '0'.repeat(32));

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each(sdkLines)('sample on sdk-logs $line', (line) => {
  it('keeps WARN and above whatever the ratio', () => {
    const stage = sample({ ratio: 0 });
    const { logger, sink } = setUp(line, [stage]);
    for (const severityNumber of [DEBUG, INFO, WARN, ERROR]) {
      logger.emit({ severityNumber, body: `at ${severityNumber}`, context: inTrace(traceIds(1)[0]!) });
    }
    expect(sink.bodies()).toEqual([`at ${WARN}`, `at ${ERROR}`]);
    expect(stage.stats()).toEqual({
      kept: { severity: 2, released: 0, trace: 0, attribute: 0, unkeyed: 0 },
      dropped: { trace: 0, attribute: 0, unkeyed: 0 },
    });
  });

  it('decides by the trace id as OTel consistent probability sampling does (keep when R >= T)', () => {
    // ratio 0.5: T = 2^55 = 0x80000000000000, compared with the last 14 hex digits.
    const { logger, sink } = setUp(line, [sample({ ratio: 0.5 })]);
    logger.emit({ severityNumber: INFO, body: 'at threshold', context: inTrace('ffffffffffffffffff80000000000000') });
    logger.emit({ severityNumber: INFO, body: 'just below', context: inTrace('0000000000000000007fffffffffffff') });
    logger.emit({ severityNumber: INFO, body: 'top', context: inTrace('000000000000000000ffffffffffffff') });
    expect(sink.bodies()).toEqual(['at threshold', 'top']);
  });

  it('takes the randomness from the tracestate rv value when there is one', () => {
    const { logger, sink } = setUp(line, [sample({ ratio: 0.5 })]);
    const spanContext = {
      traceId: '00000000000000000000000000000001',
      spanId: '00f067aa0ba902b7',
      traceFlags: TraceFlags.SAMPLED,
    };
    const withRv = (rv: string) =>
      trace.setSpanContext(ROOT_CONTEXT, { ...spanContext, traceState: createTraceState(`ot=th:8;rv:${rv}`) });
    logger.emit({ severityNumber: INFO, body: 'rv high', context: withRv('c0000000000000') });
    logger.emit({ severityNumber: INFO, body: 'rv low', context: withRv('10000000000000') });
    expect(sink.bodies()).toEqual(['rv high']);
  });

  it('answers keeps() as it decides, without counting, and keeps records the buffer released', () => {
    const stage = sample({ ratio: 0.5 });
    const { logger, sink } = setUp(line, [stage]);
    fc.assert(
      fc.property(hexTraceId, (traceId) => {
        sink.clear();
        const probe = { severityNumber: INFO, attributes: {}, spanContext: { traceId, spanId: '00f067aa0ba902b7', traceFlags: 1 } };
        const answer = stage.keeps(probe as unknown as LogRecordLike);
        const before = stage.stats();
        logger.emit({ severityNumber: INFO, body: 'probe', context: inTrace(traceId) });
        expect(sink.records.length === 1).toBe(answer);
        const after = stage.stats();
        expect(after.kept.trace + after.dropped.trace).toBe(before.kept.trace + before.dropped.trace + 1);
      }),
      { numRuns: 100 },
    );
    sink.clear();
    logger.emit({ severityNumber: DEBUG, body: 'released', attributes: { 'logweave.buffer.released': true }, context: inTrace('0'.repeat(31) + '1') });
    expect(sink.bodies()).toEqual(['released']);
    expect(stage.stats().kept.released).toBe(1);
  });

  it('keeps about ratio of the traces', () => {
    const stage = sample({ ratio: 0.25 });
    const { logger } = setUp(line, [stage]);
    for (const traceId of traceIds(4_000)) logger.emit({ severityNumber: INFO, body: 'x', context: inTrace(traceId) });
    const { kept, dropped } = stage.stats();
    expect(kept.trace / (kept.trace + dropped.trace)).toBeCloseTo(0.25, 1);
  });

  it('decides records without a trace by a stable hash of the attribute', () => {
    const stage = sample({ ratio: 0.5, attribute: 'session.id' });
    const { logger, sink } = setUp(line, [stage]);
    for (let s = 0; s < 400; s++) {
      for (let i = 0; i < 3; i++) logger.emit({ severityNumber: DEBUG, body: `step ${i}`, attributes: { 'session.id': `s-${s}` } });
    }
    const perSession = new Map<unknown, number>();
    for (const r of sink.records) perSession.set(r.attributes['session.id'], (perSession.get(r.attributes['session.id']) ?? 0) + 1);
    expect([...perSession.values()].every((n) => n === 3)).toBe(true);
    expect(perSession.size / 400).toBeCloseTo(0.5, 1);
    expect(stage.stats().dropped.attribute).toBe((400 - perSession.size) * 3);
  });

  it('samples records with neither trace nor attribute at random by default, or as unkeyed says', () => {
    vi.spyOn(Math, 'random').mockReturnValueOnce(0.1).mockReturnValueOnce(0.9);
    const random = setUp(line, [sample({ ratio: 0.5 })]);
    random.logger.emit({ severityNumber: INFO, body: 'lucky' });
    random.logger.emit({ severityNumber: INFO, body: 'unlucky' });
    expect(random.sink.bodies()).toEqual(['lucky']);

    const kept = setUp(line, [sample({ ratio: 0.01, unkeyed: 'keep' })]);
    kept.logger.emit({ severityNumber: INFO, body: 'kept' });
    const dropped = setUp(line, [sample({ ratio: 0.99, unkeyed: 'drop' })]);
    dropped.logger.emit({ severityNumber: INFO, body: 'dropped' });
    expect([...kept.sink.bodies(), ...dropped.sink.bodies()]).toEqual(['kept']);
  });

  it('answers enabled() false below keepAtLeast only when the ratio is 0', () => {
    expect(setUp(line, [sample({ ratio: 0 })]).logger.enabled({ severityNumber: INFO })).toBe(false);
    expect(setUp(line, [sample({ ratio: 0 })]).logger.enabled({ severityNumber: WARN })).toBe(true);
    expect(setUp(line, [sample({ ratio: 0.1 })]).logger.enabled({ severityNumber: INFO })).toBe(true);
  });

  it('samples every severity when keepAtLeast is false', () => {
    const { logger, sink } = setUp(line, [sample({ ratio: 0, keepAtLeast: false, unkeyed: 'drop' })]);
    logger.emit({ severityNumber: SeverityNumber.FATAL, body: 'gone' });
    expect(sink.bodies()).toEqual([]);
  });
});

describe('sample consistency', () => {
  it('keeps or drops every record of a trace together, whatever their body and attributes', () => {
    const stage = sample({ ratio: 0.3 });
    const { logger, sink } = setUp(sdkLines[0], [stage]);
    const record = fc.record({ body: fc.string(), severityNumber: fc.integer({ min: 1, max: WARN - 1 }), user: fc.string() });
    fc.assert(
      fc.property(hexTraceId, fc.array(record, { minLength: 2, maxLength: 8 }), (traceId, records) => {
        sink.clear();
        for (const { body, severityNumber, user } of records) {
          logger.emit({ body, severityNumber, attributes: { 'user.id': user }, context: inTrace(traceId) });
        }
        return sink.records.length === 0 || sink.records.length === records.length;
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('keeps at a higher ratio every trace it keeps at a lower one', () => {
    const ratios = [0.01, 0.1, 0.25, 0.5, 0.9, 1];
    const pipelines = ratios.map((ratio) => setUp(sdkLines[0], [sample({ ratio })]));
    fc.assert(
      fc.property(hexTraceId, (traceId) => {
        const kept = pipelines.map(({ logger, sink }) => {
          sink.clear();
          logger.emit({ severityNumber: INFO, body: 'x', context: inTrace(traceId) });
          return sink.records.length === 1;
        });
        return kept.every((k, i) => i === 0 || !kept[i - 1] || k);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});

describe('sample options', () => {
  it('throws a TypeError naming the option', () => {
    expect(() => sample({} as never)).toThrow(/sample: ratio must be a number from 0 to 1/);
    expect(() => sample({ ratio: 1.5 })).toThrow(/sample: ratio must be a number from 0 to 1/);
    expect(() => sample({ ratio: 0.5, keepAtLeast: 'LOUD' as 'WARN' })).toThrow(/sample: keepAtLeast: severity must be/);
    expect(() => sample({ ratio: 0.5, unkeyed: 'coin' as 'random' })).toThrow(/sample: unkeyed must be one of/);
    expect(() => sample({ ratio: 0.5, attribute: '' })).toThrow(/sample: attribute must be a non-empty/);
  });
});
