import type { LogRecordLike } from '@logweave/core';

/** What one export attempt came to. */
export type AttemptResult =
  /** `unencodable`: records left out of the request because they could not be encoded. */
  | { ok: true; rejected: number; message: string; unencodable?: number }
  | { ok: false; retryable: boolean; error: string; retryAfterMillis?: number };

/** What became of a whole batch, after any retries. */
export interface BatchResult {
  exported: number;
  rejected: number;
  /** Records lost, with the reason they are counted under (one reason per batch result). */
  dropped: number;
  dropReason?: string;
  /** Set instead of `dropReason` when the records were lost for several reasons. */
  droppedBy?: Record<string, number>;
}

/** Sends one batch, retrying as its policy says; the signal aborts at shutdown. */
export type DeliverBatch = (records: readonly LogRecordLike[], signal: AbortSignal) => Promise<BatchResult>;

/** Something a batch can be sent to once: an OTLP endpoint. Failover and load balancing compose these. */
export interface BatchTarget {
  readonly name: string;
  attempt(records: readonly LogRecordLike[], signal: AbortSignal): Promise<AttemptResult>;
  close(): void;
}

/** Hooks a delivery loop reports through, so that the sink counts retries and failures. */
export interface DeliveryObserver {
  onAttemptFailed(error: string): void;
  onRetry(): void;
}
