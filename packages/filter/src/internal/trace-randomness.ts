import type { SpanContextLike } from '@logweave/core';

/** `ot=...;rv:<14 hex digits>;...`: explicit trace randomness in the OpenTelemetry tracestate entry. */
const EXPLICIT_RANDOMNESS = /(?:^|;)rv:([0-9a-f]{14})(?:;|$)/;
const INVALID_TRACE_ID = '00000000000000000000000000000000';

interface TraceStateLike {
  get(key: string): string | undefined;
}

/**
 * A 56-bit rejection threshold split in two so that the test runs on plain numbers: the high
 * 24 bits and the low 32 bits of `(1 - ratio) * 2^56`, as OTel consistent probability sampling
 * defines it. Ratio 0 gives 2^56, which no randomness value reaches.
 */
export interface Threshold56 {
  readonly high: number;
  readonly low: number;
}

export function threshold56(ratio: number): Threshold56 {
  const threshold = (1n << 56n) - BigInt(Math.round(ratio * 2 ** 56));
  return { high: Number(threshold >> 32n), low: Number(threshold & 0xffff_ffffn) };
}

/**
 * The sampling decision for a trace: keep when its randomness is at least the threshold, where
 * the randomness is the tracestate's `ot` `rv` value if present, otherwise the last 14 hex digits
 * (56 bits) of the trace id, random under W3C Trace Context Level 2. Undefined without a usable trace id.
 */
export function keepTrace(spanContext: SpanContextLike | undefined, threshold: Threshold56): boolean | undefined {
  if (spanContext === undefined) return undefined;
  const traceId = spanContext.traceId;
  if (typeof traceId !== 'string' || traceId.length !== 32 || traceId === INVALID_TRACE_ID) return undefined;
  const hex = explicitRandomness(spanContext) ?? traceId.slice(18);
  const high = parseInt(hex.slice(0, 6), 16);
  const low = parseInt(hex.slice(6), 16);
  if (Number.isNaN(high) || Number.isNaN(low)) return undefined;
  return high > threshold.high || (high === threshold.high && low >= threshold.low);
}

function explicitRandomness(spanContext: SpanContextLike): string | undefined {
  const traceState = (spanContext as { traceState?: TraceStateLike }).traceState;
  if (traceState === undefined || typeof traceState.get !== 'function') return undefined;
  const ot = traceState.get('ot');
  if (ot === undefined) return undefined;
  return EXPLICIT_RANDOMNESS.exec(ot)?.[1];
}
