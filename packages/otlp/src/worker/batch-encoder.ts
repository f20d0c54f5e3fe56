import type { EncodableRecord } from '../encoding/encoder.ts';

/** One encoded (and compressed) ExportLogsServiceRequest. */
export interface EncodedBatch {
  readonly bytes: Uint8Array;
  /** How many log records it holds. */
  readonly records: number;
}

/**
 * What a sink hands its batches to: EncodeWorker (a worker thread) or InThreadEncoder (the
 * fallback), the same interface and the same bytes.
 */
export interface BatchEncoder {
  readonly contentType: 'application/x-protobuf' | 'application/json';
  /** The Content-Encoding of the bytes; undefined when not compressed. */
  readonly contentEncoding: 'gzip' | 'zstd' | undefined;
  /**
   * Encodes, filters and compresses one batch: SDK records or `snapshotRecord` copies. Each
   * record is read once, before `encode` returns (a snapshot: later changes to it are not seen);
   * the filter then sees exactly what is written. Settles later when `maxInFlightBatches` are
   * already out (back-pressure); rejects with an Error whose message says why (the filter threw
   * or could not be loaded, the worker died, the encoder is closed); never throws.
   */
  encode(records: readonly EncodableRecord[]): Promise<EncodedBatch>;
  /** Stops it; batches not yet answered reject. Idempotent. */
  close(): Promise<void>;
}

/** Bounds the batches out at once: beyond the bound, `acquire()` waits for a `release()`. */
export class InFlightSlots {
  #free: number;
  readonly #waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

  constructor(max: number) {
    this.#free = max;
  }

  /** Undefined when a slot was free and is now taken; else a promise that settles when one is. */
  acquire(): Promise<void> | undefined {
    if (this.#free > 0) {
      this.#free--;
      return undefined;
    }
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#free++;
    else next.resolve();
  }

  rejectWaiting(error: Error): void {
    for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
  }
}
