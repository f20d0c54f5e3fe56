/**
 * Values an application may hand to `logger.emit` that are not OTLP AnyValues, or are at the edge
 * of what one can carry, with what the receiver decodes for each after the full pipeline.
 */
export interface BadValue {
  name: string;
  make(): unknown;
  /**
   * What sdk-logs 3.1.1 does with it as an attribute value, when the record is built, before any
   * processor: keeps it (`kept`), drops that attribute with a diag warning (`dropped`: its
   * `isAnyValue` refuses bigint, symbol, function, cycles and objects whose `constructor` is not
   * Object), or throws out of `emit` (`throws`: tested on its own, see SDK_THROWS).
   */
  attribute: 'kept' | 'dropped' | 'throws';
  /** The decoded body at the receiver when the value is the body. */
  received: unknown;
  /** The decoded body when the body is `{ nested: { v: value } }`. @default { nested: { v: received } } */
  receivedNested?: unknown;
}

/** How each fate of an attribute value reads in a test name. */
export const ATTRIBUTE_FATE: Record<BadValue['attribute'], string> = {
  kept: 'kept',
  dropped: 'dropped by the SDK before any processor',
  throws: 'thrown by the SDK, tested on its own',
};

/** What `redact()` writes for a value that is not plain data (a class instance, bigint, a cycle). */
export const MASK = '[REDACTED]';

const TEN_MIB = 10 * 1024 * 1024;
/** Not one repeated character: a 10 MB string the detectors have work on (digits, `:`, `=`, `@`-free). */
const bigString = () => 'GET /orders/42 status=200 took 12 ms; '.repeat(Math.ceil(TEN_MIB / 38)).slice(0, TEN_MIB);
const invalidUtf8 = [0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1];

class ValidationError extends Error {
  readonly code = 'E_VALIDATION';
}

function circular(): unknown {
  const loop: Record<string, unknown> = { name: 'loop' };
  loop['self'] = loop;
  return loop;
}

/** `{ d: { d: … { leaf: 'x' } } }`, `levels` objects deep. */
export function nested(levels: number): unknown {
  let value: unknown = { leaf: 'x' };
  for (let i = 0; i < levels; i++) value = { d: value };
  return value;
}

export const BAD_VALUES: readonly BadValue[] = [
  { name: 'a circular object', make: circular, attribute: 'dropped', received: { name: 'loop', self: MASK } },
  { name: 'a BigInt', make: () => 12_345_678_901_234_567_890n, attribute: 'dropped', received: MASK },
  { name: 'a Symbol', make: () => Symbol('order'), attribute: 'dropped', received: MASK },
  { name: 'a function', make: () => function charge() {}, attribute: 'dropped', received: MASK },
  { name: 'a Map', make: () => new Map([['order', 42]]), attribute: 'dropped', received: MASK },
  { name: 'a Set', make: () => new Set([42]), attribute: 'dropped', received: MASK },
  { name: 'a Date', make: () => new Date(0), attribute: 'dropped', received: MASK },
  { name: 'a Float64Array', make: () => new Float64Array([1.5, 2.5]), attribute: 'dropped', received: MASK },
  {
    name: 'a Uint8Array of invalid UTF-8',
    make: () => new Uint8Array(invalidUtf8),
    attribute: 'kept',
    received: new Uint8Array(invalidUtf8),
  },
  { name: 'a Buffer', make: () => Buffer.from('c2VjcmV0', 'base64'), attribute: 'kept', received: new Uint8Array(Buffer.from('secret')) },
  { name: 'a 10 MB string', make: bigString, attribute: 'kept', received: bigString() },
  {
    // Sent as U+FFFD, as TextEncoder does.
    name: 'a string with lone surrogates',
    make: () => 'a\uD800b\uDC00c\uDBFF',
    attribute: 'kept',
    received: 'a\uFFFDb\uFFFDc\uFFFD',
  },
  {
    name: 'a string decoded from invalid UTF-8',
    make: () => Buffer.from(invalidUtf8).toString('utf8'),
    attribute: 'kept',
    received: Buffer.from(invalidUtf8).toString('utf8'),
  },
  {
    // The SDK's plain-object check reads `constructor`: as an attribute value it is dropped.
    name: 'an object with a constructor key',
    make: () => JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}},"msg":"x"}'),
    attribute: 'dropped',
    received: { constructor: { prototype: { polluted: 'yes' } }, msg: 'x' },
  },
  {
    // redact() replaces what is below depth 16 (its maxDepth) with the mask.
    name: 'an object nested 10 000 deep',
    make: () => nested(10_000),
    attribute: 'throws',
    received: nestedCut(0),
    receivedNested: { nested: { v: nestedCut(2) } },
  },
  { name: 'NaN', make: () => NaN, attribute: 'kept', received: NaN },
  { name: 'Infinity', make: () => Infinity, attribute: 'kept', received: Infinity },
  { name: '-Infinity', make: () => -Infinity, attribute: 'kept', received: -Infinity },
  {
    // redact() cannot read it and replaces it whole (fail closed).
    name: 'an object whose getter throws',
    make: () => ({
      get total(): number {
        throw new Error('getter failed');
      },
    }),
    attribute: 'throws',
    received: MASK,
    // The walk of the whole body fails on the getter: redact fails closed and replaces all of it.
    receivedNested: MASK,
  },
];

/**
 * What the receiver decodes for `nested(10_000)` placed `above` levels below the body's root:
 * redact walks 16 levels (its default `maxDepth`) and replaces what is deeper with the mask.
 */
export function nestedCut(above: number): unknown {
  let value: unknown = MASK;
  for (let i = above; i < 16; i++) value = { d: value };
  return value;
}

/** An Error subclass with a cause: turned into `exception.*` by enrich() or captureExceptions(). */
export function validationError(): Error {
  return new ValidationError('amount must be positive', { cause: new RangeError('amount -5') });
}

/** Values for which sdk-logs 3.1.1 throws out of `logger.emit` when given as attribute values. */
export const SDK_THROWS: readonly { name: string; make(): unknown }[] = [
  // RangeError: its isAnyValue check recurses once per level.
  { name: 'an attribute nested 10 000 deep', make: () => nested(10_000) },
  {
    name: 'an attribute whose getter throws',
    make: () => ({
      get total(): number {
        throw new Error('getter failed');
      },
    }),
  },
];
