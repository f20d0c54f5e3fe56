import { context as otelContext, isSpanContextValid, propagation, trace, type Context, type SpanContext } from '@opentelemetry/api';
import type { AnyValue, LogRecordLike, SpanContextLike } from '@logweave/core';

/** Returned by the steps that run application code when that code did not throw. */
export const NO_FAILURE: unique symbol = Symbol('no failure');

/** Sets `key` unless it is already on the record and `overwrite` is off; `undefined` sets nothing. */
export function put(record: LogRecordLike, key: string, value: unknown, overwrite: boolean): void {
  if (value === undefined || (!overwrite && Object.hasOwn(record.attributes, key))) return;
  record.setAttribute(key, value as AnyValue);
}

export function putAll(record: LogRecordLike, entries: ReadonlyArray<readonly [string, unknown]>, overwrite: boolean): void {
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    put(record, entry[0], entry[1], overwrite);
  }
}

/** The valid span context of `context`, else of the active context. */
export function spanContextOf(context: Context | undefined): SpanContext | undefined {
  const own = context === undefined ? undefined : trace.getSpanContext(context);
  if (own !== undefined && isSpanContextValid(own)) return own;
  const active = trace.getSpanContext(otelContext.active());
  return active !== undefined && isSpanContextValid(active) ? active : undefined;
}

/** Both SDK lines give `ReadWriteLogRecord` a writable `spanContext`; a copied record has a plain field. */
export function setSpanContext(record: LogRecordLike, spanContext: SpanContextLike): void {
  (record as { spanContext?: SpanContextLike }).spanContext = spanContext;
}

export interface BaggageSelection {
  readonly keys: readonly string[] | undefined;
  readonly accept: ((key: string) => boolean) | undefined;
}

/** Copies the selected baggage entries of `context` (else the active context); returns the first error `accept` threw. */
export function applyBaggage(record: LogRecordLike, context: Context | undefined, selection: BaggageSelection, overwrite: boolean): unknown {
  const baggage = (context === undefined ? undefined : propagation.getBaggage(context)) ??
    propagation.getBaggage(otelContext.active());
  if (baggage === undefined) return NO_FAILURE;
  if (selection.keys !== undefined) {
    for (const key of selection.keys) put(record, key, baggage.getEntry(key)?.value, overwrite);
    return NO_FAILURE;
  }
  let failure: unknown = NO_FAILURE;
  for (const [key, entry] of baggage.getAllEntries()) {
    try {
      if (selection.accept !== undefined && !selection.accept(key)) continue;
    } catch (error) {
      if (failure === NO_FAILURE) failure = error;
      continue;
    }
    put(record, key, entry.value, overwrite);
  }
  return failure;
}

export interface ResourceLike {
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly asyncAttributesPending?: boolean;
  waitForAsyncAttributes?(): Promise<void>;
  getRawAttributes?(): ReadonlyArray<readonly [string, unknown]>;
}

/**
 * The resource's attributes without those still being detected. Reading `attributes` of a resource
 * with pending values logs a diag error, so the settled raw values are used instead, and the
 * resource is asked to settle (its promise never rejects).
 */
export function settledResourceAttributes(resource: ResourceLike): Readonly<Record<string, unknown>> | undefined {
  if (resource.asyncAttributesPending !== true) return resource.attributes;
  void resource.waitForAsyncAttributes?.();
  const raw = resource.getRawAttributes?.();
  if (raw === undefined) return undefined;
  const settled: Record<string, unknown> = {};
  for (const [key, value] of raw) {
    // The first occurrence of a key is the one a merged resource keeps.
    if (!Object.hasOwn(settled, key) && !isPromiseLike(value)) settled[key] = value;
  }
  return settled;
}

function isPromiseLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
