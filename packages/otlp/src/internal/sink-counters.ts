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
  /** Lost here, by reason: queue-full, record-too-large, permanent-error, retry-exhausted, shutdown. */
  droppedBy: Record<string, number>;
  /** Export attempts that failed (each retry counts). */
  failedAttempts: number;
  /** Attempts made again after a retryable failure. */
  retries: number;
  /** The last failure, without record content. */
  lastError: string | undefined;
}

export class SinkCounters {
  received = 0;
  exported = 0;
  rejected = 0;
  failedAttempts = 0;
  retries = 0;
  lastError: string | undefined;
  readonly #droppedBy = new Map<string, number>();

  drop(reason: string, count = 1): void {
    this.#droppedBy.set(reason, (this.#droppedBy.get(reason) ?? 0) + count);
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
