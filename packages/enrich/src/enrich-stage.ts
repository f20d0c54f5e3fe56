import { createHmac } from 'node:crypto';
import type { Context } from '@opentelemetry/api';
import { LOG_RECORD_UID, uuidv7, type LogRecordLike, type Stage } from '@logweave/core';
import { convertRecordExceptions } from './internal/exceptions.ts';
import {
  NO_FAILURE,
  applyBaggage,
  put,
  putAll,
  setSpanContext,
  settledResourceAttributes,
  spanContextOf,
  type ResourceLike,
} from './internal/sources.ts';
import { getLogContext, type LogContextAttributes } from './log-context.ts';
import { classifyLogType } from './log-type.ts';
import { resolveEnrichOptions, type EnrichOptions, type ResolvedEnrichOptions } from './options.ts';

/** Not a semantic-convention attribute (there is none for this): logweave's name for the log type. */
const LOG_TYPE = 'log.type';
const USER_ID = 'user.id';
const USER_HASH = 'user.hash';

type Entries = ReadonlyArray<readonly [string, unknown]>;

/**
 * A stage that adds to each record who, where and in which request it happened: span context,
 * `exception.*` from Error values, the `withLogContext()` attributes, baggage, static attributes,
 * copied resource attributes, computed attributes, `log.type` and `log.record.uid` — in that
 * order, each keeping a key already present unless `overwrite` is on.
 */
export function enrich(options: EnrichOptions = {}): Stage {
  return new EnrichStage(resolveEnrichOptions(options));
}

class EnrichStage implements Stage {
  readonly name: string;
  readonly #options: ResolvedEnrichOptions;
  /** The attributes each log context gives, resolved once per context (user.id hashed). */
  readonly #contextEntries = new WeakMap<LogContextAttributes, Entries>();
  /** The resource attributes to copy, once the resource has settled. */
  readonly #resourceEntries = new WeakMap<object, Entries>();

  constructor(options: ResolvedEnrichOptions) {
    this.name = options.name;
    this.#options = options;
  }

  process(record: LogRecordLike, context: Context | undefined): void {
    const o = this.#options;
    if (o.spanContext && record.spanContext === undefined) {
      const spanContext = spanContextOf(context);
      if (spanContext !== undefined) setSpanContext(record, spanContext);
    }
    if (o.exceptions !== undefined) convertRecordExceptions(record, o.exceptions.maxCauseDepth, o.overwrite);
    if (o.context !== undefined) putAll(record, this.#logContextEntries(), o.overwrite);
    let failure = o.baggage === undefined ? NO_FAILURE : applyBaggage(record, context, o.baggage, o.overwrite);
    putAll(record, o.attributes, o.overwrite);
    if (o.resourceAttributes.length > 0) putAll(record, this.#resourceEntriesOf(record), o.overwrite);
    failure = firstFailure(failure, this.#applyComputed(record, context));
    failure = firstFailure(failure, this.#classify(record, context));
    if (o.recordUid && !Object.hasOwn(record.attributes, LOG_RECORD_UID)) record.setAttribute(LOG_RECORD_UID, uuidv7());
    // Thrown last, so the record is fully enriched and the pipeline counts and reports the failure.
    if (failure !== NO_FAILURE) throw failure;
  }

  #logContextEntries(): Entries {
    const store = getLogContext();
    let entries = this.#contextEntries.get(store);
    if (entries === undefined) {
      entries = Object.entries(store);
      const key = this.#options.context?.hashKey;
      if (key !== undefined) entries = entries.map(([k, v]) => (k === USER_ID ? [USER_HASH, hmacHex(key, v)] : [k, v]));
      this.#contextEntries.set(store, entries);
    }
    return entries;
  }

  #resourceEntriesOf(record: LogRecordLike): Entries {
    const resource = record.resource as ResourceLike;
    const cached = this.#resourceEntries.get(resource);
    if (cached !== undefined) return cached;
    const pending = resource.asyncAttributesPending === true;
    const attributes = settledResourceAttributes(resource);
    if (attributes === undefined) return [];
    const entries = this.#options.resourceAttributes
      .filter((key) => Object.hasOwn(attributes, key))
      .map((key) => [key, attributes[key]] as const);
    if (!pending) this.#resourceEntries.set(resource, entries);
    return entries;
  }

  /** Skips a key already present without calling its function; returns the first error thrown. */
  #applyComputed(record: LogRecordLike, context: Context | undefined): unknown {
    const { computed, overwrite } = this.#options;
    let failure: unknown = NO_FAILURE;
    for (let i = 0; i < computed.length; i++) {
      const entry = computed[i]!;
      if (!overwrite && Object.hasOwn(record.attributes, entry[0])) continue;
      try {
        put(record, entry[0], entry[1](record, context), true);
      } catch (error) {
        failure = firstFailure(failure, error);
      }
    }
    return failure;
  }

  #classify(record: LogRecordLike, context: Context | undefined): unknown {
    const { classify, overwrite } = this.#options;
    if (classify === undefined || (!overwrite && Object.hasOwn(record.attributes, LOG_TYPE))) return NO_FAILURE;
    try {
      record.setAttribute(LOG_TYPE, classifyLogType(record, classify.rules, context));
    } catch (error) {
      return error;
    }
    return NO_FAILURE;
  }
}

function firstFailure(current: unknown, next: unknown): unknown {
  return current === NO_FAILURE ? next : current;
}

function hmacHex(key: string | Uint8Array, value: unknown): string {
  return createHmac('sha256', key).update(String(value)).digest('hex');
}
