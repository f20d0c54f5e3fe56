import type { Context } from '@opentelemetry/api';
import type { AnyValue, LogRecordLike } from '@logweave/core';
import { flag, record, stringList } from './internal/validate.ts';
import { logTypeRules, type LogTypeRule } from './log-type.ts';

/** A function of the record giving one attribute's value; `undefined` adds nothing. */
export type ComputedAttribute = (record: LogRecordLike, context: Context | undefined) => unknown;

export interface LogContextOptions {
  /**
   * Pseudonymises the context's `user.id`: records get `user.hash` = hex HMAC-SHA256(key, user.id)
   * and no `user.id`. The key must be set; keep it secret and stable to correlate a user's records.
   * @default undefined (user.id is copied as it is)
   */
  hashUserId?: { key: string | Uint8Array };
}

export interface BaggageOptions {
  /**
   * Which baggage entries become attributes: a list of keys, or a predicate on the key.
   * @default every entry
   */
  keys?: readonly string[] | ((key: string) => boolean);
}

export interface ExceptionOptions {
  /**
   * How many `cause`s deep `exception.stacktrace` follows.
   * @default 8
   */
  maxCauseDepth?: number;
}

export interface ClassifyOptions {
  /**
   * Rules tried in order; the first match sets `log.type`; no match gives `application`.
   * @default logTypeRules
   */
  rules?: readonly LogTypeRule[];
}

export interface EnrichOptions {
  /**
   * Names the stage in `pipeline.stats()` and error reports.
   * @default 'enrich'
   */
  name?: string;
  /**
   * Attributes added to every record.
   * @default {}
   */
  attributes?: Readonly<Record<string, AnyValue>>;
  /**
   * Attributes computed from each record, after every other source.
   * @default {}
   */
  computed?: Readonly<Record<string, ComputedAttribute>>;
  /**
   * Adds the attributes of the current `withLogContext()`.
   * @default true
   */
  context?: boolean | LogContextOptions;
  /**
   * Copies W3C Baggage entries of the record's context (else the active one) to attributes, keys
   * unchanged. Baggage travels in request headers: do not let it carry secrets.
   * @default false
   */
  baggage?: boolean | BaggageOptions;
  /**
   * Gives a record without a span context the one of its context, else of the active context.
   * @default true
   */
  spanContext?: boolean;
  /**
   * Adds `log.record.uid`, a UUIDv7 (time-ordered, unique per record).
   * @default false
   */
  recordUid?: boolean;
  /**
   * Turns Error values of the body and of attributes into `exception.type`, `exception.message`
   * and `exception.stacktrace` (with `Caused by:` chains); the body becomes the message.
   * @default true
   */
  exceptions?: boolean | ExceptionOptions;
  /**
   * Sets `log.type` to system, application, network, security or audit.
   * @default false
   */
  classify?: boolean | ClassifyOptions;
  /**
   * Resource attributes copied to each record's attributes (for back-ends that do not index the resource).
   * @default []
   */
  resourceAttributes?: readonly string[];
  /**
   * Lets enrichment replace attributes already on the record (the application's, or an earlier
   * source's); by default a key already present is kept.
   * @default false
   */
  overwrite?: boolean;
}

export interface ResolvedEnrichOptions {
  name: string;
  attributes: Array<[string, AnyValue]>;
  computed: Array<[string, ComputedAttribute]>;
  context: { hashKey: string | Uint8Array | undefined } | undefined;
  baggage: { keys: readonly string[] | undefined; accept: ((key: string) => boolean) | undefined } | undefined;
  spanContext: boolean;
  recordUid: boolean;
  exceptions: { maxCauseDepth: number } | undefined;
  classify: { rules: readonly LogTypeRule[] } | undefined;
  resourceAttributes: string[];
  overwrite: boolean;
}

export function resolveEnrichOptions(options: EnrichOptions = {}): ResolvedEnrichOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('enrich: options must be an object');
  const name = options.name ?? 'enrich';
  if (typeof name !== 'string' || name === '') throw new TypeError('enrich: name must be a non-empty string');
  return {
    name,
    attributes: resolveStatic(options.attributes),
    computed: resolveComputed(options.computed),
    context: resolveContext(options.context),
    baggage: resolveBaggage(options.baggage),
    spanContext: flag('enrich: spanContext', options.spanContext, true),
    recordUid: flag('enrich: recordUid', options.recordUid, false),
    exceptions: resolveExceptions(options.exceptions),
    classify: resolveClassify(options.classify),
    resourceAttributes: stringList('enrich: resourceAttributes', options.resourceAttributes),
    overwrite: flag('enrich: overwrite', options.overwrite, false),
  };
}

function resolveStatic(attributes: EnrichOptions['attributes']): Array<[string, AnyValue]> {
  const entries = Object.entries(record('enrich: attributes', attributes));
  for (const [key, value] of entries) {
    const type = typeof value;
    if (value === undefined || type === 'function' || type === 'symbol' || type === 'bigint') {
      throw new TypeError(`enrich: attributes['${key}'] must be an attribute value (string, number, boolean, array or object)`);
    }
  }
  return entries as Array<[string, AnyValue]>;
}

function resolveComputed(computed: EnrichOptions['computed']): Array<[string, ComputedAttribute]> {
  const entries = Object.entries(record('enrich: computed', computed));
  for (const [key, fn] of entries) {
    if (typeof fn !== 'function') throw new TypeError(`enrich: computed['${key}'] must be a function of the record`);
  }
  return entries as Array<[string, ComputedAttribute]>;
}

function resolveContext(context: EnrichOptions['context']): ResolvedEnrichOptions['context'] {
  if (context === undefined || context === true) return { hashKey: undefined };
  if (context === false) return undefined;
  if (typeof context !== 'object' || context === null) throw new TypeError('enrich: context must be a boolean or { hashUserId }');
  if (context.hashUserId === undefined) return { hashKey: undefined };
  const key: unknown = context.hashUserId?.key;
  const valid = (typeof key === 'string' && key !== '') || (key instanceof Uint8Array && key.length > 0);
  if (!valid) throw new TypeError('enrich: context.hashUserId.key must be a non-empty string or Uint8Array (the HMAC key)');
  return { hashKey: key as string | Uint8Array };
}

function resolveBaggage(baggage: EnrichOptions['baggage']): ResolvedEnrichOptions['baggage'] {
  if (baggage === undefined || baggage === false) return undefined;
  if (baggage === true) return { keys: undefined, accept: undefined };
  if (typeof baggage !== 'object' || baggage === null) throw new TypeError('enrich: baggage must be a boolean or { keys }');
  const keys = baggage.keys;
  if (typeof keys === 'function') return { keys: undefined, accept: keys };
  if (keys === undefined) return { keys: undefined, accept: undefined };
  return { keys: stringList('enrich: baggage.keys', keys), accept: undefined };
}

function resolveExceptions(exceptions: EnrichOptions['exceptions']): ResolvedEnrichOptions['exceptions'] {
  if (exceptions === false) return undefined;
  if (exceptions === undefined || exceptions === true) return { maxCauseDepth: DEFAULT_MAX_CAUSE_DEPTH };
  if (typeof exceptions !== 'object' || exceptions === null) throw new TypeError('enrich: exceptions must be a boolean or { maxCauseDepth }');
  return { maxCauseDepth: resolveMaxCauseDepth('enrich: exceptions.maxCauseDepth', exceptions.maxCauseDepth) };
}

function resolveClassify(classify: EnrichOptions['classify']): ResolvedEnrichOptions['classify'] {
  if (classify === undefined || classify === false) return undefined;
  if (classify === true) return { rules: logTypeRules };
  if (typeof classify !== 'object' || classify === null) throw new TypeError('enrich: classify must be a boolean or { rules }');
  const rules = classify.rules ?? logTypeRules;
  if (!Array.isArray(rules)) throw new TypeError('enrich: classify.rules must be an array of { type, when }');
  rules.forEach((rule: Partial<LogTypeRule> | null, i) => {
    if (rule === null || typeof rule !== 'object' || typeof rule.type !== 'string' || rule.type === '' || typeof rule.when !== 'function') {
      throw new TypeError(`enrich: classify.rules[${i}] must be { type: non-empty string, when: predicate }`);
    }
  });
  return { rules: [...rules] };
}

/** How many causes `exception.stacktrace` follows unless told otherwise. */
export const DEFAULT_MAX_CAUSE_DEPTH = 8;

/** Checks a `maxCauseDepth` given at set-up; `label` names the component and option in the TypeError. */
export function resolveMaxCauseDepth(label: string, value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_CAUSE_DEPTH;
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${label} must be a non-negative integer`);
  return value;
}
