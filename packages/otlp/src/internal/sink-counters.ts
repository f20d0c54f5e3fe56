import { LossReporter } from '@logweave/core';

/** A destination's counters: `received = queued + inFlight + exported + rejected + dropped`. */
export interface SinkStats {
  name: string;
  /** Records handed to this sink. */
  received: number;
  /** Waiting for a batch. */
  queued: number;
  /** In a batch being exported or waiting to retry. */
  inFlight: number;
  /** Accepted by the collector. */
  exported: number;
  /** Refused by the collector in a partial success response. */
  rejected: number;
  /** Lost here, in all. */
  dropped: number;
  /**
   * Lost here, by reason: queue-full, record-too-large, unencodable, permanent-error,
   * retry-exhausted, shutdown; in durable mode also disk-full, io-error, corrupt.
   */
  droppedBy: Record<string, number>;
  /** Export attempts that failed (each retry counts). */
  failedAttempts: number;
  /** Attempts made again after a retryable failure. */
  retries: number;
  /** The last failure, without record content. */
  lastError: string | undefined;
}

/** Drops that follow a failed delivery: their report says what the collector or network said. */
const DELIVERY_REASONS = new Set(['permanent-error', 'retry-exhausted']);

/**
 * Counts what became of a sink's records. Every drop and every failed attempt also goes to the
 * OTel global error handler, rate-limited (first occurrence at once, then a summary per interval).
 */
export class SinkCounters {
  received = 0;
  exported = 0;
  rejected = 0;
  failedAttempts = 0;
  retries = 0;
  lastError: string | undefined;
  readonly #droppedBy = new Map<string, number>();
  readonly #losses: LossReporter;

  constructor(name: string) {
    this.#losses = new LossReporter(`sink ${name}`);
  }

  drop(reason: string, count = 1): void {
    this.#droppedBy.set(reason, (this.#droppedBy.get(reason) ?? 0) + count);
    this.#losses.dropped(reason, count, DELIVERY_REASONS.has(reason) ? this.lastError : undefined);
  }

  /** An export attempt failed; the delivery loop decides whether to retry. */
  attemptFailed(error: string): void {
    this.failedAttempts++;
    this.lastError = error;
    this.#losses.failing('delivery', error);
  }

  snapshot(name: string, queued: number, inFlight: number): SinkStats {
    const droppedBy = Object.fromEntries(this.#droppedBy);
    return {
      name,
      received: this.received,
      queued,
      inFlight,
      exported: this.exported,
      rejected: this.rejected,
      dropped: Object.values(droppedBy).reduce((sum, n) => sum + n, 0),
      droppedBy,
      failedAttempts: this.failedAttempts,
      retries: this.retries,
      lastError: this.lastError,
    };
  }
}
