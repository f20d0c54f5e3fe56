import type { BlrpEnv, SinkMetrics } from '@logweave/core';
import { resolveRetry, type RetryOptions, type RetryPolicy } from './internal/retry.ts';

export type OverflowPolicy = 'drop-newest' | 'drop-oldest';

/** How a sink holds, batches and retries records: the same for one endpoint or several. */
export interface QueueOptions {
  /**
   * Records held (queued and being exported) at most: a safety cap, sized so that maxQueueBytes
   * binds first for records estimated at 128 bytes or more.
   * @default maxQueueBytes / 128 (262144 for 32 MiB)
   */
  maxQueueSize?: number;
  /** Estimated bytes held (queued and being exported) at most. @default 32 MiB */
  maxQueueBytes?: number;
  /** What a full queue does with a new record: refuse it, or make room by dropping the oldest queued one. @default 'drop-newest' */
  overflow?: OverflowPolicy;
  /** Records per export request. @default 1024 */
  maxExportBatchSize?: number;
  /**
   * Estimated bytes per request at most (a batch holds at least one record): collectors refuse
   * large requests (the Collector's OTLP/HTTP receiver: 20 MiB by default).
   * @default 8 MiB
   */
  maxExportBatchBytes?: number;
  /** Longest a record waits for a batch to fill (0: no wait). @default 1000 */
  scheduledDelayMillis?: number;
  /** Export requests in flight at once. @default 2 */
  maxConcurrentExports?: number;
  /** Longest forceFlush() and shutdown() wait for queued records to be exported. @default 30000 */
  flushTimeoutMillis?: number;
  /** Backoff for failed exports, or false to never retry. @default the Collector exporter helper's: 5 s, ×1.5, ±50 %, ≤ 30 s, for ≤ 300 s */
  retry?: RetryOptions | false;
}

export interface ResolvedQueueOptions {
  maxQueueSize: number;
  maxQueueBytes: number;
  overflow: OverflowPolicy;
  maxExportBatchSize: number;
  maxExportBatchBytes: number;
  scheduledDelayMillis: number;
  maxConcurrentExports: number;
  flushTimeoutMillis: number;
  retry: RetryPolicy | undefined;
  /** The sink's self-metrics, made by the sink once it knows its target; its queue reports the processor side. */
  metrics?: SinkMetrics | undefined;
}

/** Estimated bytes per record below which the record cap, not the byte bound, binds by default. */
export const RECORD_CAP_DIVISOR_BYTES = 128;
const DEFAULT_RETRY_ELAPSED_MILLIS = 300_000;

/**
 * Resolves queue options: each from `options` when set, else from `env` (OTEL_BLRP_*, for the
 * sinks that read it), else the default. A batch size above the record cap is a TypeError when
 * both are options, and is clamped to the cap otherwise (as the SDK clamps OTEL_BLRP_*).
 */
export function resolveQueueOptions(options: QueueOptions, component: string, env: BlrpEnv = {}): ResolvedQueueOptions {
  const positive = (name: keyof QueueOptions, fallback: number, minimum = Number.MIN_VALUE): number => {
    const value = options[name] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < minimum) {
      throw new TypeError(`${component}: ${name} must be a ${minimum === 0 ? 'non-negative' : 'positive'} number; got ${String(value)}`);
    }
    return value;
  };
  const overflow = options.overflow ?? 'drop-newest';
  if (overflow !== 'drop-newest' && overflow !== 'drop-oldest') {
    throw new TypeError(`${component}: overflow must be 'drop-newest' or 'drop-oldest'; got '${String(overflow)}'`);
  }
  const maxQueueBytes = positive('maxQueueBytes', 32 * 1024 * 1024);
  const maxQueueSize = positive('maxQueueSize', env.maxQueueSize ?? Math.max(1, Math.floor(maxQueueBytes / RECORD_CAP_DIVISOR_BYTES)));
  let maxExportBatchSize = positive('maxExportBatchSize', env.maxExportBatchSize ?? 1024);
  if (maxExportBatchSize > maxQueueSize) {
    if (options.maxExportBatchSize !== undefined && options.maxQueueSize !== undefined) {
      throw new TypeError(`${component}: maxExportBatchSize must not exceed maxQueueSize`);
    }
    maxExportBatchSize = maxQueueSize;
  }
  return {
    maxQueueSize,
    maxQueueBytes,
    overflow,
    maxExportBatchSize,
    maxExportBatchBytes: positive('maxExportBatchBytes', 8 * 1024 * 1024),
    scheduledDelayMillis: positive('scheduledDelayMillis', env.scheduledDelayMillis ?? 1000, 0),
    maxConcurrentExports: positive('maxConcurrentExports', 2),
    flushTimeoutMillis: positive('flushTimeoutMillis', 30_000),
    retry: options.retry === false ? undefined : resolveRetry(retryWithin(options.retry === undefined ? {} : options.retry, env.exportTimeoutMillis), component),
  };
}

/** OTEL_BLRP_EXPORT_TIMEOUT caps how long a batch is retried, unless the option says; 0 caps nothing. */
function retryWithin(retry: RetryOptions, exportTimeoutMillis: number | undefined): RetryOptions {
  if (exportTimeoutMillis === undefined || exportTimeoutMillis === 0) return retry;
  if (typeof retry !== 'object' || retry === null || retry.maxElapsedMillis !== undefined) return retry;
  return { ...retry, maxElapsedMillis: Math.min(DEFAULT_RETRY_ELAPSED_MILLIS, exportTimeoutMillis) };
}
