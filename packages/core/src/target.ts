import type { LogRecordLike } from './types.ts';

/** The wire encoding of an OTLP ExportLogsServiceRequest. */
export type OtlpEncoding = 'protobuf' | 'json';

/** One encoded ExportLogsServiceRequest, as a sink hands it to its target. */
export interface EncodedRequest {
  readonly bytes: Uint8Array;
  /** How many log records the request holds. */
  readonly records: number;
  /** The routing key every record in it shares (0 when the target routes nothing by key). */
  readonly key: number;
}

/** What one send of a request came to. */
export type SendResult =
  /** `rejected`: records the receiver refused in an OTLP partial success. */
  | { ok: true; rejected: number; message: string }
  | { ok: false; retryable: boolean; error: string; retryAfterMillis?: number };

/** A member of a composite target, as the composite sees it. */
export interface TargetStats {
  name: string;
  /** Requests sent to it (each retry counts). */
  attempts: number;
  /** Sends that failed. */
  failures: number;
  /** False while it is passed over after a failure. */
  healthy: boolean;
}

/**
 * Where a sink's requests go: one OTLP endpoint, or a composition of them (failover, load
 * balancing). A target only sends the bytes it is given, once, and reports the outcome; the
 * sink owns the queue, batching, encoding, retry and durability.
 */
export interface Target {
  readonly name: string;
  /** The encoding every request sent to this target must be in. */
  readonly encoding: OtlpEncoding;
  /**
   * Present when records must be kept apart by a key (load balancing by trace id): the sink
   * then sends the records of each key as requests of their own, with that key.
   */
  routingKey?(record: LogRecordLike): number;
  /** Sends one request once; resolves with the outcome and never rejects. */
  send(request: EncodedRequest, signal: AbortSignal): Promise<SendResult>;
  /** Releases connections; the sink that was given the target calls it once, at its shutdown. */
  close(): Promise<void>;
  /** Present on composites (failover, load balancing): how each member fares. */
  stats?(): TargetStats[];
}

/**
 * Checks at set-up that `value` is a Target, and says so when it is a sink instead (a sink owns
 * a queue; a target is what a sink sends to).
 */
export function assertTarget(value: unknown, component: string, option: string): asserts value is Target {
  const candidate = value as Partial<Target & { onEmit: unknown }> | null;
  if (candidate !== null && typeof candidate === 'object' && typeof candidate.onEmit === 'function') {
    throw new TypeError(`${component}: ${option} must be a target (otlpTarget(), failover(), loadBalance()), not a sink`);
  }
  const ok = candidate !== null && typeof candidate === 'object' && typeof candidate.send === 'function' &&
    typeof candidate.close === 'function' && typeof candidate.name === 'string' &&
    (candidate.encoding === 'protobuf' || candidate.encoding === 'json');
  if (!ok) throw new TypeError(`${component}: ${option} must be a target (otlpTarget(), failover(), loadBalance())`);
}

/** Targets already given to a sink or a composite: each closes what it was given, once. */
const claimed = new WeakSet<Target>();

/**
 * Records at set-up that `component` owns `target`: a target given to two owners would be closed
 * under one of them by the other's shutdown, so the second is refused.
 */
export function claimTarget(target: Target, component: string, option: string): void {
  if (claimed.has(target)) {
    throw new TypeError(`${component}: ${option} (${target.name}) is already given to another sink or composite; make one target per use`);
  }
  claimed.add(target);
}
