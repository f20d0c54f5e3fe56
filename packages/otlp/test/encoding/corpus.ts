import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { copyRecord, pipeline, type LogRecordLike } from '@logweave/core';
import { memorySink } from '@logweave/testing';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import fc from 'fast-check';

/**
 * Values on which the official JSON serializer is lossy or writes invalid OTLP/JSON, and
 * jsonEncoder deliberately differs (tested apart): NaN, ±Infinity, integers outside int64.
 */
export function jsonDivergent(n: number): boolean {
  return !Number.isFinite(n) || (Number.isInteger(n) && (n < -(2 ** 63) || n >= 2 ** 63));
}

const escapes = fc.constantFrom('"', '\\', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u2028', '/');
const loneSurrogates = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff');
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  { weight: 1, arbitrary: escapes },
  { weight: 1, arbitrary: loneSurrogates },
);
/** Strings around the sizes where a length prefix takes one more byte, in 1-, 2-, 3- and 4-byte UTF-8 and lone surrogates. */
const hugeText = fc
  .tuple(fc.constantFrom(42, 43, 127, 128, 5461, 16383, 16384, 70_000), fc.constantFrom('a', 'é', '語', '😀', '\udc00'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));
export const text = fc.oneof(
  { weight: 30, arbitrary: fc.array(piece, { maxLength: 6 }).map((pieces) => pieces.join('')) },
  { weight: 1, arbitrary: hugeText },
);

const anyNumber = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.bigInt({ min: -(2n ** 65n), max: 2n ** 65n }).map(Number),
  fc.double(),
  fc.constantFrom(0, -0, 0.1, -1.5, 9, 10, 999_999_999, 1e15, 2 ** 31, 2 ** 32, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53 + 2, 2 ** 63 - 1024, -(2 ** 63), 2 ** 63, 1e21, -1e21,
    Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Infinity, -Infinity),
);

/** Every AnyValue kind, nested arrays and maps, as JavaScript values the SDK accepts. */
function anyValue(numbers: fc.Arbitrary<number>) {
  const leaf = fc.oneof(text, numbers, fc.boolean(), fc.constant(null), fc.uint8Array({ maxLength: 24 }));
  return fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('map')),
    array: fc.array(fc.oneof(tie('value'), fc.constant(undefined)), { maxLength: 4 }),
    map: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
  })).value;
}

/** Bodies the SDK passes on untouched although no attribute could hold them. */
const exoticBody = fc.constantFrom<unknown>(
  10n, Symbol('s'), () => 1, new Date(0), new Map([['k', 1]]), new Int16Array([1, -2]), Buffer.from('buffer'),
  new (class Point { x = 1; y = [2] })(), Object.assign(Object.create({ inherited: 1 }) as object, { own: 2 }),
  Object.assign([] as unknown[], { 2: 'after two holes' }), Object.create(null) as object,
);

/** What resources and scopes hold: strings, numbers, booleans and arrays of one of them. */
function simpleValue(numbers: fc.Arbitrary<number>) {
  return fc.oneof(text, numbers, fc.boolean(), fc.array(fc.integer(), { maxLength: 3 }), fc.array(text, { maxLength: 3 }));
}
const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF'), minLength: length, maxLength: length })
    .filter((id) => /[1-9a-f]/i.test(id));

const timestamp = fc.oneof(
  fc.date({ min: new Date(-1e12), max: new Date(4_102_444_800_000), noInvalidDate: true }),
  fc.integer({ min: 0, max: 4_102_444_800_000 }),
  fc.tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 999_999_999 })),
);

function emitted(numbers: fc.Arbitrary<number>) {
  const value = anyValue(numbers);
  return fc.record({
    provider: fc.nat(), logger: fc.nat(),
    timestamp: fc.option(timestamp, { nil: undefined }),
    observedTimestamp: fc.option(timestamp, { nil: undefined }),
    severityNumber: fc.option(fc.integer({ min: 0, max: 24 }), { nil: undefined }),
    severityText: fc.option(text, { nil: undefined }),
    body: fc.option(fc.oneof({ weight: 8, arbitrary: value }, { weight: 1, arbitrary: exoticBody }), { nil: undefined }),
    eventName: fc.option(text, { nil: undefined }),
    attributes: fc.option(fc.dictionary(text, value, { maxKeys: 7 }), { nil: undefined }),
    span: fc.option(fc.record({ traceId: hex(32), spanId: hex(16), traceFlags: fc.integer({ min: 0, max: 255 }) }), { nil: undefined }),
    /** Set on a copy of the record (copyRecord), as a stage that keeps records does. */
    copy: fc.oneof(
      { weight: 3, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.record({ key: text, value: fc.oneof(value, exoticBody) }) },
    ),
  });
}

const scopeSpec = (numbers: fc.Arbitrary<number>) => fc.record({
  name: fc.oneof(text, fc.constantFrom('checkout.http', '')),
  version: fc.option(text, { nil: undefined }),
  schemaUrl: fc.option(fc.constantFrom('https://opentelemetry.io/schemas/1.26.0', ''), { nil: undefined }),
  attributes: fc.option(fc.dictionary(text, simpleValue(numbers), { maxKeys: 3 }), { nil: undefined }),
});

const providerSpec = (numbers: fc.Arbitrary<number>) => fc.record({
  resource: fc.option(fc.dictionary(text, simpleValue(numbers), { maxKeys: 5 }), { nil: undefined }),
  schemaUrl: fc.option(fc.constantFrom('https://opentelemetry.io/schemas/1.26.0', ''), { nil: undefined }),
  attributeCountLimit: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
  scopes: fc.array(scopeSpec(numbers), { minLength: 1, maxLength: 3 }),
});

/** A batch specification: providers (resources) with loggers (scopes), and records spread over them. */
export function batch(options: { jsonSafe: boolean }) {
  const numbers = options.jsonSafe ? anyNumber.filter((n) => !jsonDivergent(n)) : anyNumber;
  return fc.record({
    providers: fc.array(providerSpec(numbers), { minLength: 1, maxLength: 3 }),
    records: fc.array(emitted(numbers), { maxLength: 25 }),
  });
}

export type BatchSpec = ReturnType<typeof batch> extends fc.Arbitrary<infer T> ? T : never;

/**
 * Emits the batch through real LoggerProviders, each with a pipeline into one shared memory
 * sink, and returns the records in emit order (some replaced by a changed copy).
 */
export function emitBatch(spec: BatchSpec): LogRecordLike[] {
  const sink = memorySink();
  const loggers = spec.providers.map((p) => {
    const provider = new LoggerProvider({
      resource: p.resource === undefined
        ? defaultResource()
        : resourceFromAttributes(p.resource, p.schemaUrl === undefined ? undefined : { schemaUrl: p.schemaUrl }),
      processors: [pipeline({ sink })],
      ...(p.attributeCountLimit === undefined ? {} : { logRecordLimits: { attributeCountLimit: p.attributeCountLimit } }),
    });
    return p.scopes.map((s) => provider.getLogger(s.name, s.version, {
      ...(s.schemaUrl === undefined ? {} : { schemaUrl: s.schemaUrl }),
      ...(s.attributes === undefined ? {} : { attributes: s.attributes }),
    }));
  });
  for (const r of spec.records) {
    const ofProvider = loggers[r.provider % loggers.length]!;
    ofProvider[r.logger % ofProvider.length]!.emit({
      ...(r.timestamp === undefined ? {} : { timestamp: r.timestamp }),
      ...(r.observedTimestamp === undefined ? {} : { observedTimestamp: r.observedTimestamp }),
      ...(r.severityNumber === undefined ? {} : { severityNumber: r.severityNumber }),
      ...(r.severityText === undefined ? {} : { severityText: r.severityText }),
      ...(r.body === undefined ? {} : { body: r.body as never }),
      ...(r.eventName === undefined ? {} : { eventName: r.eventName }),
      ...(r.attributes === undefined ? {} : { attributes: r.attributes }),
      ...(r.span === undefined ? {} : { context: trace.setSpanContext(ROOT_CONTEXT, r.span) }),
    });
  }
  return sink.records.map((record, i) => {
    const change = spec.records[i]!.copy;
    if (change === undefined) return record;
    return copyRecord(record).setAttribute(change.key, change.value as never);
  });
}
