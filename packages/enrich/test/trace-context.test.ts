import { DROP, copyRecord, type LogRecordLike, type Stage, type StageHost } from '@logweave/core';
import { ROOT_CONTEXT, context, propagation, trace, type Context, type SpanContext } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrich } from '../src/index.ts';
import { sdkLines, setUp } from './sdk-lines.ts';

const spanA: SpanContext = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 };
const spanB: SpanContext = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 };
const withSpan = (span: SpanContext, base: Context = ROOT_CONTEXT) => trace.setSpan(base, trace.wrapSpanContext(span));
const withBaggage = (entries: Record<string, string>, base: Context = ROOT_CONTEXT) =>
  propagation.setBaggage(
    base,
    propagation.createBaggage(Object.fromEntries(Object.entries(entries).map(([k, value]) => [k, { value }]))),
  );

/** Holds records and releases copies on flush with the context it is given, as summary stages do. */
function releaseLater(releaseContext: Context): Stage {
  let host: StageHost | undefined;
  const held: LogRecordLike[] = [];
  return {
    name: 'release-later',
    start: (h) => void (host = h),
    process: (record) => {
      held.push(copyRecord(record));
      return DROP;
    },
    forceFlush: async () => held.splice(0).forEach((r) => host!.forward(r, releaseContext)),
  };
}

beforeAll(() => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
});
afterAll(() => {
  context.disable();
});

describe.each(sdkLines)('enrich span context on sdk-logs $line', (line) => {
  it('gives a record without a span context the active span', () => {
    const { logger, records } = setUp(line, [enrich()]);
    // An explicit context without a span: the SDK leaves the record without a span context.
    context.with(withSpan(spanA), () => logger.emit({ body: 'x', context: ROOT_CONTEXT }));
    expect(records[0]!.spanContext).toMatchObject(spanA);
  });

  it('keeps the span context the record already has', () => {
    const { logger, records } = setUp(line, [enrich()]);
    context.with(withSpan(spanA), () => logger.emit({ body: 'x', context: withSpan(spanB) }));
    expect(records[0]!.spanContext).toMatchObject(spanB);
  });

  it('gives a record released later the span of the context it is forwarded with', async () => {
    const { logger, processor, records } = setUp(line, [releaseLater(withSpan(spanB)), enrich()]);
    logger.emit({ body: 'held', context: ROOT_CONTEXT });
    await processor.forceFlush();
    expect(records.map((r) => r.spanContext?.spanId)).toEqual([spanB.spanId]);
  });

  it('leaves the span context alone when spanContext is off', () => {
    const { logger, records } = setUp(line, [enrich({ spanContext: false })]);
    context.with(withSpan(spanA), () => logger.emit({ body: 'x', context: ROOT_CONTEXT }));
    expect(records[0]!.spanContext).toBeUndefined();
  });
});

describe.each(sdkLines)('enrich baggage on sdk-logs $line', (line) => {
  it('copies every baggage entry when baggage is true', () => {
    const { logger, records } = setUp(line, [enrich({ baggage: true })]);
    logger.emit({ body: 'x', context: withBaggage({ 'tenant.id': 'acme', 'feature.flag': 'beta' }) });
    expect(records[0]!.attributes).toEqual({ 'tenant.id': 'acme', 'feature.flag': 'beta' });
  });

  it('copies only the listed keys, or those a predicate accepts', () => {
    const listed = setUp(line, [enrich({ baggage: { keys: ['tenant.id', 'absent'] } })]);
    const accepted = setUp(line, [enrich({ baggage: { keys: (key) => key.startsWith('tenant.') } })]);
    const ctx = withBaggage({ 'tenant.id': 'acme', 'session.token': 'secret' });
    listed.logger.emit({ body: 'x', context: ctx });
    accepted.logger.emit({ body: 'x', context: ctx });
    expect(listed.records[0]!.attributes).toEqual({ 'tenant.id': 'acme' });
    expect(accepted.records[0]!.attributes).toEqual({ 'tenant.id': 'acme' });
  });

  it('reads the active context’s baggage when the record’s context has none', () => {
    const { logger, records } = setUp(line, [enrich({ baggage: true })]);
    context.with(withBaggage({ 'tenant.id': 'acme' }), () => logger.emit({ body: 'x', context: withSpan(spanA) }));
    expect(records[0]!.attributes).toEqual({ 'tenant.id': 'acme' });
  });

  it('keeps the application’s attribute over a baggage entry of the same key', () => {
    const { logger, records } = setUp(line, [enrich({ baggage: true })]);
    logger.emit({ body: 'x', attributes: { 'tenant.id': 'app' }, context: withBaggage({ 'tenant.id': 'acme' }) });
    expect(records[0]!.attributes).toEqual({ 'tenant.id': 'app' });
  });

  it('copies no baggage by default', () => {
    const { logger, records } = setUp(line, [enrich()]);
    logger.emit({ body: 'x', context: withBaggage({ 'tenant.id': 'acme' }) });
    expect(records[0]!.attributes).toEqual({});
  });
});
