import { DROP, copyRecord, type LogRecordLike, type Stage, type StageHost } from '@logweave/core';
import type { Logger } from '@opentelemetry/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stacktraceWithCauses } from '../src/internal/exceptions.ts';
import { captureExceptions, enrich } from '../src/index.ts';
import { sdkLines, setUp } from './sdk-lines.ts';

class PaymentDeclinedError extends Error {}

/** What the Logs API types as AnyValue does not include Error: the very values this package rescues. */
const asValue = (error: unknown) => error as string;

function chain(): Error {
  const root = new RangeError('card limit 500 exceeded');
  const middle = new Error('gateway refused charge', { cause: root });
  return new PaymentDeclinedError('payment declined', { cause: middle });
}

/** Copies each record with an Error attribute, as a stage building its own records may. */
function errorAttributeOnCopy(error: Error): Stage {
  let host: StageHost | undefined;
  const held: LogRecordLike[] = [];
  return {
    name: 'copy',
    start: (h) => void (host = h),
    process: (record) => {
      held.push(copyRecord(record).setAttribute('error', asValue(error)));
      return DROP;
    },
    forceFlush: async () => held.splice(0).forEach((r) => host!.forward(r)),
  };
}

describe.each(sdkLines)('enrich exceptions on sdk-logs $line', (line) => {
  it('turns an Error body into its message and exception.* with the cause chain', () => {
    const { logger, records } = setUp(line, [enrich()]);
    logger.emit({ body: asValue(chain()) });
    const [record] = records;
    expect(record!.body).toBe('payment declined');
    expect(record!.attributes['exception.type']).toBe('PaymentDeclinedError');
    expect(record!.attributes['exception.message']).toBe('payment declined');
    const stack = String(record!.attributes['exception.stacktrace']);
    expect(stack).toMatch(/^Error: payment declined\n\s+at /);
    expect(stack).toContain('\nCaused by: Error: gateway refused charge\n    at ');
    expect(stack).toContain('\nCaused by: RangeError: card limit 500 exceeded\n    at ');
  });

  it('converts an Error attribute of a record a stage built itself', async () => {
    const error = new TypeError('amount must be a number');
    const { logger, processor, records } = setUp(line, [errorAttributeOnCopy(error), enrich()]);
    logger.emit({ body: 'charge failed' });
    await processor.forceFlush();
    expect(records[0]!.body).toBe('charge failed');
    expect(records[0]!.attributes).toMatchObject({
      error: 'TypeError: amount must be a number',
      'exception.type': 'TypeError',
      'exception.message': 'amount must be a number',
    });
  });

  it('keeps the exception.* the application set unless overwrite is on', () => {
    const attributes = { 'exception.type': 'CardError', 'exception.message': 'declined by issuer' };
    const kept = setUp(line, [enrich()]);
    kept.logger.emit({ body: asValue(new Error('boom')), attributes });
    expect(kept.records[0]!.body).toBe('boom');
    expect(kept.records[0]!.attributes).toEqual(attributes);

    const replaced = setUp(line, [enrich({ overwrite: true })]);
    replaced.logger.emit({ body: asValue(new Error('boom')), attributes });
    expect(replaced.records[0]!.attributes).toMatchObject({ 'exception.type': 'Error', 'exception.message': 'boom' });
  });

  it('leaves an Error body alone when exceptions is off', () => {
    const error = new Error('boom');
    const { logger, records } = setUp(line, [enrich({ exceptions: false })]);
    logger.emit({ body: asValue(error) });
    expect(records[0]!.body).toBe(error);
  });

  it('loses an Error attribute in the SDK itself, before any stage, without captureExceptions', () => {
    const { logger, records } = setUp(line, [enrich()]);
    logger.emit({ body: 'charge failed', attributes: { error: asValue(new Error('boom')), 'order.id': 'o-1' } });
    expect(records[0]!.attributes).toEqual({ 'order.id': 'o-1' });
  });

  it('keeps an Error attribute as exception.* through captureExceptions', () => {
    const { logger, records } = setUp(line, [enrich()]);
    const log = captureExceptions(logger);
    log.emit({ body: 'charge failed', attributes: { error: chain(), 'order.id': 'o-1' } });
    expect(records[0]!.body).toBe('charge failed');
    expect(records[0]!.attributes).toMatchObject({
      error: 'PaymentDeclinedError: payment declined',
      'order.id': 'o-1',
      'exception.type': 'PaymentDeclinedError',
      'exception.message': 'payment declined',
    });
    expect(records[0]!.attributes['exception.stacktrace']).toContain('Caused by: RangeError: card limit 500 exceeded');
  });

  it('records the exception field with its causes through captureExceptions', () => {
    const { logger, records } = setUp(line, [enrich()]);
    captureExceptions(logger).emit({ body: 'checkout failed', exception: chain() });
    captureExceptions(logger).emit({ body: 'retrying', exception: 'socket closed' });
    expect(records[0]!.attributes['exception.type']).toBe('PaymentDeclinedError');
    expect(records[0]!.attributes['exception.stacktrace']).toContain('Caused by: Error: gateway refused charge');
    expect(records[1]!.attributes).toEqual({ 'exception.message': 'socket closed' });
  });

  it('converts an Error body before the SDK, as the stage would, with no stage at all', () => {
    const { logger, records } = setUp(line, []);
    const log: Logger = captureExceptions(logger);
    log.emit({ body: chain() as unknown as string });
    expect(records[0]!.body).toBe('payment declined');
    expect(records[0]!.attributes['exception.type']).toBe('PaymentDeclinedError');
  });

  it('passes records without errors through captureExceptions unchanged', () => {
    const { logger, records } = setUp(line, []);
    const log = captureExceptions(logger);
    log.emit({ body: 'fine', attributes: { 'order.id': 'o-1' } });
    expect(records[0]!.body).toBe('fine');
    expect(records[0]!.attributes).toEqual({ 'order.id': 'o-1' });
    expect(log.enabled()).toBe(true);
  });
});

describe('exception.stacktrace', () => {
  it('names a cycle instead of following it', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    const stack = stacktraceWithCauses(a, 8);
    expect(stack.match(/\nCaused by: /g)).toHaveLength(2);
    expect(stack).toMatch(/\nCaused by: \[cycle: Error: a\]$/);
  });

  it('stops at maxCauseDepth and says so', () => {
    let error: Error = new Error('root');
    for (let i = 1; i <= 20; i++) error = new Error(`level ${i}`, { cause: error });
    const stack = stacktraceWithCauses(error, 3);
    expect(stack.match(/\nCaused by: /g)).toHaveLength(4);
    expect(stack).toMatch(/\nCaused by: \.\.\. \(more causes omitted after 3\)$/);
  });

  it('describes a cause that is not an Error', () => {
    const stack = stacktraceWithCauses(new Error('outer', { cause: { code: 'E42', retry: false } }), 8);
    expect(stack).toMatch(/\nCaused by: \{"code":"E42","retry":false\}$/);
  });

  it('terminates with a bounded number of causes for any chain, cyclic or not', () => {
    const prop = fc.property(fc.integer({ min: 0, max: 30 }), fc.option(fc.nat()), fc.integer({ min: 0, max: 12 }), (length, cycleTo, maxDepth) => {
      const errors = Array.from({ length: length + 1 }, (_, i) => new Error(`e${i}`));
      errors.forEach((e, i) => {
        if (i < length) (e as { cause?: unknown }).cause = errors[i + 1];
      });
      if (cycleTo !== null) (errors[length] as { cause?: unknown }).cause = errors[cycleTo % (length + 1)];
      const causes = stacktraceWithCauses(errors[0]!, maxDepth).match(/\nCaused by: /g)?.length ?? 0;
      return causes <= maxDepth + 1 && (cycleTo !== null || causes === Math.min(length, maxDepth) + (length > maxDepth ? 1 : 0));
    });
    fc.assert(prop, { seed: 42, numRuns: 150 });
  });
});

describe('captureExceptions', () => {
  it('throws a TypeError naming the option when given no logger or a bad depth', () => {
    expect(() => captureExceptions({} as never)).toThrow('captureExceptions: logger must be a Logger');
    const logger = { emit: () => {}, enabled: () => true };
    expect(() => captureExceptions(logger, { maxCauseDepth: 1.5 })).toThrow('captureExceptions: maxCauseDepth must be a non-negative integer');
  });
});
