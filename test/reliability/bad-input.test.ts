import { setGlobalErrorHandler } from '@opentelemetry/core';
import type { LoggerProvider } from '@opentelemetry/sdk-logs';
import { captureExceptions } from '@logweave/enrich';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTRIBUTE_FATE, BAD_VALUES, MASK, SDK_THROWS, validationError, type BadValue } from './support/bad-values.ts';
import {
  expectEveryRequestDecoded,
  expectNoPrototypePollution,
  expectPipelineLostNothing,
  expectSinkSettled,
  receivedById,
} from './support/checks.ts';
import { ID, providerTo } from './support/full-pipeline.ts';

/**
 * The 10 MB string is emitted six times in three records (about 63 MB): the sink's queue and the
 * receiver take more than otlpSink's 32 MiB default and a Collector's 20 MiB request limit, which
 * would otherwise refuse them (counted as `queue-full`, or a 413 `permanent-error`).
 */
const BIG = 128 * 1024 * 1024;

let receiver: OtlpReceiver;
let reported: unknown[];
beforeEach(async () => {
  reported = [];
  setGlobalErrorHandler((error) => void reported.push(error));
  receiver = await startOtlpReceiver({ maxBodyBytes: BIG });
});
afterEach(async () => {
  setGlobalErrorHandler(() => {});
  await receiver.close();
});

/** Emits `value` as the body, as an attribute value and nested in both, with good records around each. */
function emitEveryWay(logger: Pick<ReturnType<LoggerProvider['getLogger']>, 'emit'>, bad: BadValue, value: () => unknown): number {
  const good = (n: number) => logger.emit({ body: `good ${n}`, attributes: { [ID]: `good-${n}` } });
  good(0);
  logger.emit({ body: value() as never, attributes: { [ID]: 'body' } });
  good(1);
  const attributes = bad.attribute === 'throws' ? {} : { v: value() as never, n: { inner: [value()] } as never };
  logger.emit({ body: 'value as attribute', attributes: { [ID]: 'attribute', ...attributes } });
  good(2);
  logger.emit({ body: { nested: { v: value() } } as never, attributes: { [ID]: 'nested', ...attributes } });
  good(3);
  return 7;
}

describe('bad input through the SDK and every stage (parse, severity, enrich, redact, filters, router, otlpSink)', { timeout: 30_000 }, () => {
  const cases = BAD_VALUES.map((bad) => ({ ...bad, fate: ATTRIBUTE_FATE[bad.attribute] }));
  it.each(cases)('delivers $name as body and nested value, and every record around it; as an attribute: $fate', async (bad) => {
    const { provider, processor, sink, logger } = providerTo(receiver.url, { sink: { maxQueueBytes: BIG } });

    let emitted = 0;
    expect(() => (emitted = emitEveryWay(logger, bad, bad.make))).not.toThrow();
    await provider.shutdown();

    const byId = receivedById(receiver);
    expect([...byId.keys()].sort()).toEqual(['attribute', 'body', 'good-0', 'good-1', 'good-2', 'good-3', 'nested']);
    for (let n = 0; n < 4; n++) expect(byId.get(`good-${n}`)!.body).toBe(`good ${n}`);
    expect(byId.get('body')!.body).toEqual(bad.received);
    expect(byId.get('nested')!.body).toEqual(bad.receivedNested ?? { nested: { v: bad.received } });
    const attributes = byId.get('attribute')!.attributes;
    if (bad.attribute === 'kept') {
      expect(attributes['v']).toEqual(bad.received);
      expect(attributes['n']).toEqual({ inner: [bad.received] });
    } else {
      expect([attributes['v'], attributes['n'], byId.get('attribute')!.body]).toEqual([undefined, undefined, 'value as attribute']);
    }
    expectEveryRequestDecoded(receiver);
    expectPipelineLostNothing(processor.stats(), emitted);
    expect(processor.stats().stageErrors).toEqual({});
    expectSinkSettled(sink.stats());
    expect(sink.stats()).toMatchObject({ received: emitted, exported: emitted, dropped: 0 });
    expect(reported).toEqual([]);
    expectNoPrototypePollution();
  });

  it('turns an Error subclass body into its message and exception.*; the SDK drops it as an attribute before any processor', async () => {
    const { provider, logger } = providerTo(receiver.url);
    const bad: BadValue = { name: 'Error', make: validationError, attribute: 'dropped', received: undefined };
    expect(() => emitEveryWay(logger, bad, validationError)).not.toThrow();
    await provider.shutdown();

    const byId = receivedById(receiver);
    expect(byId.size).toBe(7);
    const body = byId.get('body')!;
    expect(body.body).toBe('amount must be positive');
    expect(body.attributes).toMatchObject({ 'exception.type': 'ValidationError', 'exception.message': 'amount must be positive' });
    expect(body.attributes['exception.stacktrace']).toMatch(/^Error: amount must be positive\n {4}at [\s\S]*\nCaused by: RangeError: amount -5/);
    expect(byId.get('attribute')!.attributes['v']).toBeUndefined();
    expect(byId.get('nested')!.body).toEqual({ nested: { v: MASK } });
    expectEveryRequestDecoded(receiver);
  });

  it('delivers an Error subclass attribute as "Type: message" and exception.* when the logger is wrapped by captureExceptions', async () => {
    const { provider, logger } = providerTo(receiver.url);
    captureExceptions(logger).emit({ body: 'charge failed', attributes: { [ID]: 'wrapped', error: validationError() } });
    await provider.shutdown();

    const record = receivedById(receiver).get('wrapped')!;
    expect(record.attributes).toMatchObject({
      error: 'ValidationError: amount must be positive',
      'exception.type': 'ValidationError',
      'exception.message': 'amount must be positive',
    });
    expect(record.attributes['exception.stacktrace']).toContain('Caused by: RangeError: amount -5');
  });

  it('keeps a __proto__ key of a structured body as a plain key up to the receiver, and pollutes no prototype', async () => {
    const { provider, logger } = providerTo(receiver.url);
    logger.emit({ body: JSON.parse('{"__proto__":{"polluted":"yes"},"msg":"x"}'), attributes: { [ID]: 'proto' } });
    await provider.shutdown();

    const body = receivedById(receiver).get('proto')!.body as Record<string, unknown>;
    expectNoPrototypePollution();
    expect(Object.getPrototypeOf(body)).toBe(Object.prototype);
    expect(Object.hasOwn(body, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(body, '__proto__')?.value).toEqual({ polluted: 'yes' });
  });

  it('masks an attribute value with a __proto__ key: the SDK copy makes the key its prototype, so redact finds no plain object', async () => {
    const { provider, logger } = providerTo(receiver.url);
    logger.emit({ body: 'x', attributes: { [ID]: 'proto', v: JSON.parse('{"__proto__":{"polluted":"yes"},"msg":"x"}') } });
    await provider.shutdown();

    expect(receivedById(receiver).get('proto')!.attributes['v']).toBe(MASK);
    expectNoPrototypePollution();
  });

  it.each(SDK_THROWS)('sdk-logs 3.1.1 throws out of logger.emit, before any processor, for $name; the pipeline goes on', async ({ make }) => {
    const { provider, processor, logger } = providerTo(receiver.url);
    expect(() => logger.emit({ body: 'bad', attributes: { [ID]: 'bad', v: make() as never } })).toThrow();
    expect(processor.stats().received).toBe(0);
    logger.emit({ body: 'after', attributes: { [ID]: 'after' } });
    await provider.shutdown();

    expect([...receivedById(receiver).keys()]).toEqual(['after']);
    expectPipelineLostNothing(processor.stats(), 1);
  });
});

describe('bad input straight into an otlpSink, without redact', () => {
  it.each(BAD_VALUES)('exports a body that is $name, and every record batched with it', async (bad) => {
    const { provider, sink, logger } = providerTo(receiver.url, { stages: [], sink: { maxQueueBytes: BIG } });
    for (let n = 0; n < 5; n++) logger.emit({ body: `good ${n}`, attributes: { [ID]: `good-${n}` } });
    expect(() => logger.emit({ body: bad.make() as never, attributes: { [ID]: 'bad' } })).not.toThrow();
    for (let n = 5; n < 10; n++) logger.emit({ body: `good ${n}`, attributes: { [ID]: `good-${n}` } });
    await provider.shutdown();

    expectSinkSettled(sink.stats());
    expect(sink.stats()).toMatchObject({ received: 11, exported: 11, dropped: 0, droppedBy: {} });
    expect([...receivedById(receiver).keys()].sort()).toEqual(['bad', ...Array.from({ length: 10 }, (_, n) => `good-${n}`)].sort());
    expectEveryRequestDecoded(receiver);
  });
});
