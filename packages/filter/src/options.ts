import type { Context } from '@opentelemetry/api';
import { toSeverityNumber, type LogRecordLike, type Predicate, type SeverityLevel } from '@logweave/core';
import type { ScopeRule } from './internal/scope-levels.ts';
import * as check from './internal/validate.ts';

/** Minimums by scope: `{ name: level }`, or `[scope, level]` pairs when a scope is a RegExp. */
export type ScopeLevelRules =
  | Readonly<Record<string, SeverityLevel>>
  | ReadonlyArray<readonly [scope: string | RegExp, level: SeverityLevel]>;

export interface MinSeverityOptions {
  /**
   * Minimum for scopes no `byScope` rule matches.
   * @default 'TRACE' (every record that has a severity passes)
   */
  default?: SeverityLevel;
  /**
   * Minimums by instrumentation scope (logger) name: `'checkout'` matches that name exactly,
   * `'db.*'` every name starting with `db.` (a trailing `*` makes a prefix), a RegExp (pair form)
   * what it matches. An exact name wins over the longest prefix, which wins over the first RegExp.
   * @default {}
   */
  byScope?: ScopeLevelRules;
  /**
   * Records without a severity number (or UNSPECIFIED): kept, as the OTel SDK does, or dropped.
   * @default 'keep'
   */
  unspecified?: 'keep' | 'drop';
  /**
   * Answer the SDK's `Logger.enabled()`, so that records below the minimum are never built.
   * Turn off when an earlier stage raises the severity numbers the application gave.
   * @default true
   */
  answerEnabled?: boolean;
  /** @default 'minSeverity' */
  name?: string;
}

export interface PredicateStageOptions {
  /** The test on each record (predicates from `@logweave/core`, or your own). */
  when: Predicate;
  /** @default 'keep' or 'drop' */
  name?: string;
}

/** Returns the key of a record, or `undefined` to let it through untouched. */
export type RecordKeyFunction = (record: LogRecordLike, context: Context | undefined) => string | undefined;

export interface DedupeOptions {
  /**
   * How long a window stays open after the first record of its key; every record with that key
   * in the window is collapsed into the first.
   * @default 5000
   */
  windowMillis?: number;
  /**
   * What makes two records identical.
   * @default scope name + severity number + event name + body + attributes sorted by name
   */
  key?: RecordKeyFunction;
  /**
   * Attributes the default key leaves out (values unique per record would defeat deduplication).
   * @default ['log.record.uid']
   */
  ignoreAttributes?: readonly string[];
  /**
   * Open windows at most; when full, the oldest is closed early and released (`stats().evicted`).
   * @default 10000
   */
  maxKeys?: number;
  /** @default 'dedupe' */
  name?: string;
}

export interface RateLimitOptions {
  /** Records per second each key may sustain: the token refill rate. Required. */
  ratePerSec: number;
  /**
   * Records a key may send at once: the bucket's capacity.
   * @default Math.max(1, ratePerSec)
   */
  burst?: number;
  /**
   * One bucket per value of this attribute (records without it share the bucket `""`), or per
   * string a function returns (`undefined`: the record is not limited).
   * @default one bucket for every record
   */
  perKey?: string | RecordKeyFunction;
  /**
   * Buckets at most; when full, the least recently used is forgotten (its pending summary is
   * released first) and `stats().evicted` counts it.
   * @default 10000
   */
  maxKeys?: number;
  /**
   * Summaries of one key are at least this far apart; a key that stays quiet gets its summary
   * this long after its first suppressed record.
   * @default 1000
   */
  summaryIntervalMillis?: number;
  /** @default 'rateLimit' */
  name?: string;
}

export interface SampleOptions {
  /** The share of records to keep, 0 to 1. Required. */
  ratio: number;
  /**
   * Records at or above this severity are always kept; `false` samples every severity.
   * @default 'WARN'
   */
  keepAtLeast?: SeverityLevel | false;
  /**
   * For records without a trace id: the attribute whose value (hashed) decides, so that all the
   * records of one session or user are kept or dropped together.
   * @default none
   */
  attribute?: string;
  /**
   * Records with neither a trace id nor the attribute: sampled at random, kept, or dropped.
   * @default 'random'
   */
  unkeyed?: 'random' | 'keep' | 'drop';
  /** @default 'sample' */
  name?: string;
}

export interface ResolvedMinSeverity {
  defaultMinimum: number;
  rules: ScopeRule[];
  dropUnspecified: boolean;
  answerEnabled: boolean;
  name: string;
}

export function resolveMinSeverityOptions(input: SeverityLevel | MinSeverityOptions): ResolvedMinSeverity {
  const c = 'minSeverity';
  const options: MinSeverityOptions = typeof input === 'object' && input !== null ? input : { default: input };
  const unspecified = options.unspecified ?? 'keep';
  check.assertOneOf(c, 'unspecified', unspecified, ['keep', 'drop']);
  const name = options.name ?? c;
  check.assertName(c, name);
  return {
    defaultMinimum: options.default === undefined ? 1 : toSeverityNumber(options.default, `${c}: default`),
    rules: scopeRules(options.byScope ?? {}),
    dropUnspecified: unspecified === 'drop',
    answerEnabled: options.answerEnabled ?? true,
    name,
  };
}

function scopeRules(byScope: ScopeLevelRules): ScopeRule[] {
  if (byScope === null || typeof byScope !== 'object') {
    throw new TypeError('minSeverity: byScope must be an object of scope name to level, or an array of [scope, level] pairs');
  }
  const entries: readonly unknown[] = Array.isArray(byScope) ? byScope : Object.entries(byScope);
  return entries.map((entry, index) => {
    const [scope, level] = Array.isArray(entry) ? (entry as [unknown, SeverityLevel]) : [undefined, 1];
    if (!(scope instanceof RegExp) && (typeof scope !== 'string' || scope === '')) {
      throw new TypeError(`minSeverity: byScope[${index}] must name a scope with a non-empty string or a RegExp`);
    }
    return { scope, minimum: toSeverityNumber(level, `minSeverity: byScope ${String(scope)}`) };
  });
}

export function resolvePredicateOptions(c: 'keep' | 'drop', input: Predicate | PredicateStageOptions): { when: Predicate; name: string } {
  const options = typeof input === 'function' ? { when: input } : input;
  check.assertObject(c, options);
  check.assertFunction(c, 'when (the predicate)', options.when);
  const name = options.name ?? c;
  check.assertName(c, name);
  return { when: options.when, name };
}

export interface ResolvedDedupe {
  windowMillis: number;
  /** Undefined: the default key, computed without a closure per record. */
  key: RecordKeyFunction | undefined;
  ignoreAttributes: ReadonlySet<string>;
  maxKeys: number;
  name: string;
}

export function resolveDedupeOptions(options: DedupeOptions = {}): ResolvedDedupe {
  const c = 'dedupe';
  check.assertObject(c, options);
  const { windowMillis = 5000, maxKeys = 10_000, ignoreAttributes = ['log.record.uid'], name = c } = options;
  check.assertPositiveNumber(c, 'windowMillis', windowMillis);
  check.assertPositiveInteger(c, 'maxKeys', maxKeys);
  if (options.key !== undefined) check.assertFunction(c, 'key', options.key);
  if (!Array.isArray(ignoreAttributes) || ignoreAttributes.some((a) => typeof a !== 'string')) {
    throw new TypeError(`${c}: ignoreAttributes must be an array of attribute names`);
  }
  check.assertName(c, name);
  return { windowMillis, key: options.key, ignoreAttributes: new Set(ignoreAttributes), maxKeys, name };
}

export interface ResolvedRateLimit {
  ratePerSec: number;
  burst: number;
  /** An attribute name, a key function, or undefined for one shared bucket. */
  perKey: string | RecordKeyFunction | undefined;
  maxKeys: number;
  summaryIntervalMillis: number;
  name: string;
}

export function resolveRateLimitOptions(options: RateLimitOptions): ResolvedRateLimit {
  const c = 'rateLimit';
  check.assertObject(c, options);
  const { ratePerSec, maxKeys = 10_000, summaryIntervalMillis = 1000, perKey, name = c } = options;
  check.assertPositiveNumber(c, 'ratePerSec', ratePerSec);
  const burst = options.burst ?? Math.max(1, ratePerSec);
  if (typeof burst !== 'number' || !Number.isFinite(burst) || burst < 1) {
    throw new TypeError(`${c}: burst must be a finite number of at least 1; got ${String(burst)}`);
  }
  check.assertPositiveInteger(c, 'maxKeys', maxKeys);
  check.assertPositiveNumber(c, 'summaryIntervalMillis', summaryIntervalMillis);
  if (perKey !== undefined && typeof perKey !== 'function' && (typeof perKey !== 'string' || perKey === '')) {
    throw new TypeError(`${c}: perKey must be an attribute name or a function returning the key`);
  }
  check.assertName(c, name);
  return { ratePerSec, burst, perKey, maxKeys, summaryIntervalMillis, name };
}

export interface ResolvedSample {
  ratio: number;
  /** Infinity when every severity is sampled. */
  keepAtLeast: number;
  attribute: string | undefined;
  unkeyed: 'random' | 'keep' | 'drop';
  name: string;
}

export function resolveSampleOptions(options: SampleOptions): ResolvedSample {
  const c = 'sample';
  check.assertObject(c, options);
  const { ratio, keepAtLeast = 'WARN', attribute, unkeyed = 'random', name = c } = options;
  check.assertRatio(c, 'ratio', ratio);
  if (attribute !== undefined && (typeof attribute !== 'string' || attribute === '')) {
    throw new TypeError(`${c}: attribute must be a non-empty attribute name`);
  }
  check.assertOneOf(c, 'unkeyed', unkeyed, ['random', 'keep', 'drop']);
  check.assertName(c, name);
  return {
    ratio,
    keepAtLeast: keepAtLeast === false ? Infinity : toSeverityNumber(keepAtLeast, `${c}: keepAtLeast`),
    attribute,
    unkeyed,
    name,
  };
}

export interface BufferUntilErrorOptions {
  /**
   * Records below this severity (and records without one) are held per context.
   * @default 'WARN'
   */
  holdBelow?: SeverityLevel;
  /**
   * A record at or above this severity releases its context's held records, in order, before it.
   * Must be at least `holdBelow`.
   * @default 'ERROR'
   */
  trigger?: SeverityLevel;
  /**
   * What makes a context: the record's trace id, or the string a function returns. Records
   * without a key (no valid trace id, or `undefined`) go on at once, untouched.
   * @default 'traceId'
   */
  key?: 'traceId' | RecordKeyFunction;
  /**
   * Records this predicate holds for are never held, e.g. those of traces `sample()` keeps:
   * `passWhen: (record) => sampler.keeps(record)`.
   * @default none
   */
  passWhen?: Predicate;
  /**
   * Records held per context at most; the oldest is discarded first.
   * @default 100
   */
  maxRecordsPerContext?: number;
  /**
   * Estimated bytes held per context at most; the oldest record is discarded first.
   * @default 65536
   */
  maxBytesPerContext?: number;
  /**
   * Contexts tracked at most; when full, the least recently active is discarded.
   * @default 10000
   */
  maxContexts?: number;
  /**
   * Estimated bytes held across all contexts at most; the least recently active context loses its
   * oldest records first.
   * @default 16777216 (16 MiB)
   */
  maxBytes?: number;
  /**
   * A context with no record for this long has ended: its held records are discarded.
   * @default 30000
   */
  maxAgeMillis?: number;
  /** @default 'bufferUntilError' */
  name?: string;
}

export interface ResolvedBufferUntilError {
  holdBelow: number;
  trigger: number;
  /** Undefined: the trace id. */
  key: RecordKeyFunction | undefined;
  passWhen: Predicate | undefined;
  maxRecordsPerContext: number;
  maxBytesPerContext: number;
  maxContexts: number;
  maxBytes: number;
  maxAgeMillis: number;
  name: string;
}

export function resolveBufferUntilErrorOptions(options: BufferUntilErrorOptions = {}): ResolvedBufferUntilError {
  const c = 'bufferUntilError';
  check.assertObject(c, options);
  const {
    maxRecordsPerContext = 100,
    maxBytesPerContext = 65_536,
    maxContexts = 10_000,
    maxBytes = 16 * 1024 * 1024,
    maxAgeMillis = 30_000,
    key = 'traceId',
    name = c,
  } = options;
  const holdBelow = toSeverityNumber(options.holdBelow ?? 'WARN', `${c}: holdBelow`);
  const trigger = toSeverityNumber(options.trigger ?? 'ERROR', `${c}: trigger`);
  if (trigger < holdBelow) throw new TypeError(`${c}: trigger must be at least holdBelow`);
  for (const [option, value] of Object.entries({ maxRecordsPerContext, maxBytesPerContext, maxContexts, maxBytes })) {
    check.assertPositiveInteger(c, option, value);
  }
  check.assertPositiveNumber(c, 'maxAgeMillis', maxAgeMillis);
  if (key !== 'traceId' && typeof key !== 'function') {
    throw new TypeError(`${c}: key must be 'traceId' or a function returning the context key`);
  }
  if (options.passWhen !== undefined) check.assertFunction(c, 'passWhen', options.passWhen);
  check.assertName(c, name);
  return {
    holdBelow,
    trigger,
    key: key === 'traceId' ? undefined : key,
    passWhen: options.passWhen,
    maxRecordsPerContext,
    maxBytesPerContext,
    maxContexts,
    maxBytes,
    maxAgeMillis,
    name,
  };
}
