import type { RetryPolicy } from '../internal/retry.ts';
import { deliverWithRetry } from '../internal/retry-loop.ts';
import type { HttpTarget } from '../internal/http-target.ts';
import type { DeliveryObserver } from '../internal/delivery.ts';
import type { SegmentLog } from './segment-log.ts';

export interface SenderCounters {
  exported: number;
  rejected: number;
  droppedBy: Record<string, number>;
}

/**
 * Posts the log's entries in order, one at a time, retrying each as long as the policy allows,
 * and acknowledges an entry only once the collector accepted it (or refused it for good). An
 * entry still unsent at shutdown stays on disk for the next process.
 */
export class DurableSender {
  readonly counters: SenderCounters = { exported: 0, rejected: 0, droppedBy: {} };
  readonly #abort = new AbortController();
  readonly #done: Promise<void>;

  constructor(log: Promise<SegmentLog>, target: HttpTarget, retry: RetryPolicy | undefined, observer: DeliveryObserver) {
    this.#done = log.then((l) => this.#run(l, target, retry, observer));
  }

  /** Stops after the entry being sent; what is left stays on disk. */
  stop(): Promise<void> {
    this.#abort.abort();
    return this.#done;
  }

  async #run(log: SegmentLog, target: HttpTarget, retry: RetryPolicy | undefined, observer: DeliveryObserver): Promise<void> {
    const signal = this.#abort.signal;
    for (;;) {
      const entry = await log.next(signal);
      if (entry === undefined || signal.aborted) return;
      const payload = await log.read(entry);
      if (payload === undefined) {
        this.#drop('corrupt', entry.records);
      } else {
        const result = await deliverWithRetry((s) => target.post(payload, s), entry.records, retry, observer, signal);
        if (signal.aborted && result.dropReason === 'shutdown') return;
        this.counters.exported += result.exported;
        this.counters.rejected += result.rejected;
        if (result.dropped > 0) this.#drop(result.dropReason ?? 'unknown', result.dropped);
      }
      await log.acknowledge(entry);
    }
  }

  #drop(reason: string, count: number): void {
    this.counters.droppedBy[reason] = (this.counters.droppedBy[reason] ?? 0) + count;
  }
}
