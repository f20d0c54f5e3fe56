import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { SeverityNumber, type LogRecordLike } from '@logweave/core';
import { bufferUntilError, BUFFER_RELEASED, sample } from '../src/index.ts';
import { sdkLines, setUp } from '@logweave/sdk-lines';
import { inTrace } from './in-trace.ts';

const { DEBUG, INFO, WARN, ERROR } = SeverityNumber;
const TRACE_A = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACE_B = '0af7651916cd43dd8448eb211c80319c';

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2025, 0, 15, 9, 30, 0) });
});

afterEach(() => {
  vi.useRealTimers();
});

const marked = (records: readonly LogRecordLike[]) => records.map((r) => r.attributes[BUFFER_RELEASED] === true);

describe.each(sdkLines)('bufferUntilError on sdk-logs $line', (line) => {
  it('releases the held records of a trace, in order and marked, before the error that triggers it', () => {
    const stage = bufferUntilError();
    const { logger, processor, sink } = setUp(line, [stage]);
    const a = inTrace(TRACE_A);
    const b = inTrace(TRACE_B);
    logger.emit({ severityNumber: DEBUG, body: 'a: cache miss', context: a });
    logger.emit({ severityNumber: INFO, body: 'b: request in', context: b });
    logger.emit({ severityNumber: INFO, body: 'a: calling inventory', context: a });
    logger.emit({ body: 'a: no severity', context: a });
    expect(sink.records).toHaveLength(0);

    logger.emit({ severityNumber: ERROR, body: 'a: inventory timed out', context: a });
    expect(sink.bodies()).toEqual(['a: cache miss', 'a: calling inventory', 'a: no severity', 'a: inventory timed out']);
    expect(marked(sink.records)).toEqual([true, true, true, false]);
    expect(sink.records.slice(0, 3).map((r) => r.spanContext?.traceId)).toEqual([TRACE_A, TRACE_A, TRACE_A]);
    expect(stage.stats()).toMatchObject({ contexts: 2, bufferedRecords: 1, held: 4, triggers: 1, released: 3, dropped: 0 });
    expect(processor.stats()).toMatchObject({ received: 5, held: 4, injected: 3, forwarded: 4, dropped: 0 });
  });

  it('lets records at WARN through at once without triggering, and records without a trace untouched', () => {
    const { logger, sink } = setUp(line, [bufferUntilError()]);
    logger.emit({ severityNumber: DEBUG, body: 'held', context: inTrace(TRACE_A) });
    logger.emit({ severityNumber: WARN, body: 'slow query', context: inTrace(TRACE_A) });
    logger.emit({ severityNumber: DEBUG, body: 'no trace', context: ROOT_CONTEXT });
    expect(sink.bodies()).toEqual(['slow query', 'no trace']);
    expect(marked(sink.records)).toEqual([false, false]);
  });

  it('discards held records, counted, when their context stays idle for maxAgeMillis', async () => {
    const stage = bufferUntilError({ maxAgeMillis: 10_000 });
    const { logger, processor, sink } = setUp(line, [stage]);
    logger.emit({ severityNumber: DEBUG, body: 'a1', context: inTrace(TRACE_A) });
    await vi.advanceTimersByTimeAsync(6_000);
    logger.emit({ severityNumber: DEBUG, body: 'b1', context: inTrace(TRACE_B) });
    logger.emit({ severityNumber: DEBUG, body: 'a2', context: inTrace(TRACE_A) });
    await vi.advanceTimersByTimeAsync(9_999);
    expect(stage.stats()).toMatchObject({ contexts: 2, bufferedRecords: 3, dropped: 0 });
    await vi.advanceTimersByTimeAsync(1);
    expect(stage.stats()).toMatchObject({ contexts: 0, bufferedRecords: 0, bufferedBytes: 0, dropped: 3, droppedBy: { expired: 3 } });
    logger.emit({ severityNumber: ERROR, body: 'a: too late', context: inTrace(TRACE_A) });
    expect(sink.bodies()).toEqual(['a: too late']);
    const stats = processor.stats();
    expect(stats).toMatchObject({ received: 4, held: 3, forwarded: 1, dropped: 3, droppedBy: { bufferUntilError: 3 } });
    expect(stats.received + stats.injected).toBe(stats.forwarded + stats.dropped + stats.held);
  });

  it('lets the later records of a triggered trace through at once, marked, until it goes idle', async () => {
    const { logger, sink } = setUp(line, [bufferUntilError({ maxAgeMillis: 1_000 })]);
    const a = inTrace(TRACE_A);
    logger.emit({ severityNumber: ERROR, body: 'failed', context: a });
    logger.emit({ severityNumber: DEBUG, body: 'rolling back', context: a });
    logger.emit({ severityNumber: ERROR, body: 'failed again', context: a });
    await vi.advanceTimersByTimeAsync(1_000);
    logger.emit({ severityNumber: DEBUG, body: 'next request, same trace', context: a });
    expect(sink.bodies()).toEqual(['failed', 'rolling back', 'failed again']);
    expect(marked(sink.records)).toEqual([false, true, false]);
  });

  it('keeps the newest maxRecordsPerContext records of a context, discarding the oldest first', () => {
    const stage = bufferUntilError({ maxRecordsPerContext: 3 });
    const { logger, sink } = setUp(line, [stage]);
    const a = inTrace(TRACE_A);
    for (let i = 1; i <= 5; i++) logger.emit({ severityNumber: DEBUG, body: `step ${i}`, context: a });
    logger.emit({ severityNumber: ERROR, body: 'failed', context: a });
    expect(sink.bodies()).toEqual(['step 3', 'step 4', 'step 5', 'failed']);
    expect(stage.stats().droppedBy).toEqual({ expired: 0, contextFull: 2, bufferFull: 0, shutdown: 0 });
  });

  it('bounds the bytes of a context, and discards a record larger than the bound at once', () => {
    const stage = bufferUntilError({ maxBytesPerContext: 1_000 });
    const { logger, sink } = setUp(line, [stage]);
    const a = inTrace(TRACE_A);
    logger.emit({ severityNumber: DEBUG, body: 'x'.repeat(500), context: a });
    logger.emit({ severityNumber: DEBUG, body: 'y'.repeat(500), context: a });
    expect(stage.stats()).toMatchObject({ bufferedRecords: 1, droppedBy: { contextFull: 1 } });
    expect(stage.stats().bufferedBytes).toBeLessThanOrEqual(1_000);
    logger.emit({ severityNumber: DEBUG, body: 'z'.repeat(5_000), context: a });
    logger.emit({ severityNumber: ERROR, body: 'failed', context: a });
    expect(sink.bodies()).toEqual(['failed']);
    expect(stage.stats()).toMatchObject({ bufferedRecords: 0, bufferedBytes: 0, droppedBy: { contextFull: 3 } });
  });

  it('discards the least recently active context when maxContexts are tracked', () => {
    const stage = bufferUntilError({ maxContexts: 2 });
    const { logger, sink } = setUp(line, [stage]);
    const traces = ['11111111111111111111111111111111', '22222222222222222222222222222222', '33333333333333333333333333333333'];
    logger.emit({ severityNumber: DEBUG, body: '1a', context: inTrace(traces[0]!) });
    logger.emit({ severityNumber: DEBUG, body: '2a', context: inTrace(traces[1]!) });
    logger.emit({ severityNumber: DEBUG, body: '1b', context: inTrace(traces[0]!) });
    logger.emit({ severityNumber: DEBUG, body: '3a', context: inTrace(traces[2]!) });
    expect(stage.stats()).toMatchObject({ contexts: 2, droppedBy: { bufferFull: 1 } });
    for (const traceId of [traces[0]!, traces[2]!, traces[1]!]) {
      logger.emit({ severityNumber: ERROR, body: `${traceId[0]} failed`, context: inTrace(traceId) });
    }
    expect(sink.bodies()).toEqual(['1a', '1b', '1 failed', '3a', '3 failed', '2 failed']);
    expect(stage.stats().dropped).toBe(1);
  });

  it('bounds the bytes held in all, taking the oldest records of the least recently active context first', () => {
    // Each record is estimated at 128 + 100 bytes; three fit in 700.
    const stage = bufferUntilError({ maxBytes: 700 });
    const { logger, processor, sink } = setUp(line, [stage]);
    const body = (tag: string) => tag + '.'.repeat(99);
    logger.emit({ severityNumber: DEBUG, body: body('a'), context: inTrace(TRACE_A) });
    logger.emit({ severityNumber: DEBUG, body: body('A'), context: inTrace(TRACE_A) });
    logger.emit({ severityNumber: DEBUG, body: body('b'), context: inTrace(TRACE_B) });
    logger.emit({ severityNumber: DEBUG, body: body('B'), context: inTrace(TRACE_B) });
    expect(stage.stats()).toMatchObject({ bufferedRecords: 3, bufferedBytes: 684, droppedBy: { bufferFull: 1 } });
    logger.emit({ severityNumber: ERROR, body: 'a failed', context: inTrace(TRACE_A) });
    expect(sink.bodies()).toEqual([body('A'), 'a failed']);
    expect(processor.stats().droppedBy).toEqual({ bufferUntilError: 1 });
  });

  it('keeps held records on forceFlush and discards them, counted, on shutdown', async () => {
    const stage = bufferUntilError();
    const { logger, processor, sink } = setUp(line, [stage]);
    logger.emit({ severityNumber: DEBUG, body: 'held', context: inTrace(TRACE_A) });
    await processor.forceFlush();
    expect(stage.stats().bufferedRecords).toBe(1);
    await processor.shutdown();
    expect(sink.records).toHaveLength(0);
    expect(stage.stats()).toMatchObject({ bufferedRecords: 0, droppedBy: { shutdown: 1 } });
    expect(processor.stats().droppedBy).toEqual({ bufferUntilError: 1 });
  });

  it('groups by the key a function returns, e.g. a request id', () => {
    const { logger, sink } = setUp(line, [bufferUntilError({ key: (r) => r.attributes['http.request.id'] as string | undefined })]);
    logger.emit({ severityNumber: INFO, body: 'r1 in', attributes: { 'http.request.id': 'r1' } });
    logger.emit({ severityNumber: INFO, body: 'r2 in', attributes: { 'http.request.id': 'r2' } });
    logger.emit({ severityNumber: INFO, body: 'unkeyed' });
    logger.emit({ severityNumber: ERROR, body: 'r2 failed', attributes: { 'http.request.id': 'r2' } });
    expect(sink.bodies()).toEqual(['unkeyed', 'r2 in', 'r2 failed']);
  });

  it('holds records from hold-below severity up to the trigger it is given', () => {
    const { logger, sink } = setUp(line, [bufferUntilError({ holdBelow: 'INFO', trigger: 'WARN' })]);
    const a = inTrace(TRACE_A);
    logger.emit({ severityNumber: DEBUG, body: 'debug', context: a });
    logger.emit({ severityNumber: INFO, body: 'info', context: a });
    logger.emit({ severityNumber: WARN, body: 'warn', context: a });
    expect(sink.bodies()).toEqual(['info', 'debug', 'warn']);
  });

  it('is trace-consistent with sample(): kept traces flow at once, failing traces keep their story, others go', async () => {
    // ratio 0.5: traces whose last 14 hex digits are >= 0x80000000000000 are kept.
    const kept = 'ffffffffffffffffff80000000000000';
    const failing = '0000000000000000001fffffffffffff';
    const quiet = '0000000000000000002fffffffffffff';
    const sampler = sample({ ratio: 0.5 });
    const buffer = bufferUntilError({ passWhen: (r) => sampler.keeps(r), maxAgeMillis: 1_000 });
    const { logger, processor, sink } = setUp(line, [buffer, sampler]);
    for (const traceId of [kept, failing, quiet]) {
      logger.emit({ severityNumber: DEBUG, body: `${traceId.slice(18, 20)} debug`, context: inTrace(traceId) });
    }
    expect(sink.bodies()).toEqual(['80 debug']);
    logger.emit({ severityNumber: ERROR, body: '1f error', context: inTrace(failing) });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sink.bodies()).toEqual(['80 debug', '1f debug', '1f error']);
    expect(sampler.stats().kept).toEqual({ severity: 1, released: 1, trace: 1, attribute: 0, unkeyed: 0 });
    expect(buffer.stats().droppedBy.expired).toBe(1);
    expect(processor.stats().droppedBy).toEqual({ bufferUntilError: 1 });
  });

  it('delivers exactly what an ordered model of the contexts predicts, for any mix of records', () => {
    const traces = [TRACE_A, TRACE_B, '33333333333333333333333333333333'];
    const event = fc.record({ trace: fc.integer({ min: 0, max: 2 }), severity: fc.constantFrom(DEBUG, INFO, WARN, ERROR) });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const { logger, sink } = setUp(line, [bufferUntilError()]);
        const expected: string[] = [];
        const pending: string[][] = [[], [], []];
        const triggered = [false, false, false];
        events.forEach(({ trace, severity }, i) => {
          const body = `${i}`;
          logger.emit({ severityNumber: severity, body, context: inTrace(traces[trace]!) });
          if (severity === WARN) expected.push(body);
          else if (severity === ERROR) {
            expected.push(...pending[trace]!.splice(0), body);
            triggered[trace] = true;
          } else if (triggered[trace]) expected.push(body);
          else pending[trace]!.push(body);
        });
        expect(sink.bodies()).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects bad options with a TypeError naming the stage and the option', () => {
    expect(() => bufferUntilError({ maxContexts: 0 })).toThrow(/bufferUntilError: maxContexts/);
    expect(() => bufferUntilError({ maxAgeMillis: -1 })).toThrow(/bufferUntilError: maxAgeMillis/);
    expect(() => bufferUntilError({ holdBelow: 'ERROR', trigger: 'WARN' })).toThrow(/bufferUntilError: trigger/);
    expect(() => bufferUntilError({ key: 'spanId' as never })).toThrow(/bufferUntilError: key/);
    expect(() => bufferUntilError({ holdBelow: 'LOUD' as never })).toThrow(/bufferUntilError: holdBelow/);
  });
});
