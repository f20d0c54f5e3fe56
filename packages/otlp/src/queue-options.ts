import { resolveRetry, type RetryOptions, type RetryPolicy } from './internal/retry.ts';

export type OverflowPolicy = 'drop-newest' | 'drop-oldest';

/** How a sink holds, batches and retries records: the same for one endpoint or several. */
export interface QueueOptions {
  /** Records held (queued and being exported) at most; maxQueueBytes usually binds first. @default 65536 */
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
  /** Longest a record waits for a batch to fill. @default 1000 */
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
}

export function resolveQueueOptions(options: QueueOptions, component: string): ResolvedQueueOptions {
  const positive = (name: keyof QueueOptions, fallback: number): number => {
    const value = options[name] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new TypeError(`${component}: ${name} must be a positive number; got ${String(value)}`);
    }
    return value;
  };
  const overflow = options.overflow ?? 'drop-newest';
  if (overflow !== 'drop-newest' && overflow !== 'drop-oldest') {
    throw new TypeError(`${component}: overflow must be 'drop-newest' or 'drop-oldest'; got '${String(overflow)}'`);
  }
  const resolved: ResolvedQueueOptions = {
    maxQueueSize: positive('maxQueueSize', 65_536),
    maxQueueBytes: positive('maxQueueBytes', 32 * 1024 * 1024),
    overflow,
    maxExportBatchSize: positive('maxExportBatchSize', 1024),
    maxExportBatchBytes: positive('maxExportBatchBytes', 8 * 1024 * 1024),
    scheduledDelayMillis: positive('scheduledDelayMillis', 1000),
    maxConcurrentExports: positive('maxConcurrentExports', 2),
    flushTimeoutMillis: positive('flushTimeoutMillis', 30_000),
    retry: options.retry === false ? undefined : resolveRetry(options.retry ?? {}, component),
  };
  if (resolved.maxExportBatchSize > resolved.maxQueueSize) {
    throw new TypeError(`${component}: maxExportBatchSize must not exceed maxQueueSize`);
  }
  return resolved;
}
