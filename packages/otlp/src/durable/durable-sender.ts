import type { Target } from '@logweave/core';
import type { DeliveryObserver } from '../internal/delivery.ts';
import type { RetryPolicy } from '../internal/retry.ts';
import { deliverWithRetry, sleep } from '../internal/retry-loop.ts';
import type { EntryRef, SegmentLog } from './segment-log.ts';
import { DISK_RETRY_MILLIS } from './segment-writer.ts';

/** Reads of one entry before it is given up on: a failed read (EIO, EMFILE) is often passing. */
const READ_ATTEMPTS = 3;

export interface SenderEvents {
  /** Records on disk given up on: counted under `reason` and reported. */
  lost(reason: string, records: number, detail: string): void;
  failed(operation: string, error: unknown): void;
}

/**
 * Sends the log's entries to the target in order, one at a time, retrying each as long as the
 * policy allows, and acknowledges an entry only once the target accepted it (or refused it for
 * good). An entry still unsent at shutdown stays on disk for the next process.
 */
export class DurableSender {
  exported = 0;
  rejected = 0;
  readonly #abort = new AbortController();
  readonly #done: Promise<void>;

  constructor(log: SegmentLog, target: Target, retry: RetryPolicy | undefined, observer: DeliveryObserver, events: SenderEvents) {
    this.#done = this.#run(log, target, retry, observer, events).catch((error: unknown) => events.failed('sender', error));
  }

  /** Stops after the entry being sent; what is left stays on disk. */
  stop(): Promise<void> {
    this.#abort.abort();
    return this.#done;
  }

  async #run(log: SegmentLog, target: Target, retry: RetryPolicy | undefined, observer: DeliveryObserver, events: SenderEvents): Promise<void> {
    const signal = this.#abort.signal;
    for (;;) {
      const entry = await log.next(signal);
      if (entry === undefined || signal.aborted) return;
      const payload = await readPatiently(log, entry, signal);
      if (signal.aborted) return;
      if (typeof payload === 'string') {
        events.lost(payload, entry.records, `entry at ${entry.offset} of segment ${entry.segment} could not be read back`);
      } else {
        const request = { bytes: payload, records: entry.records, key: entry.key };
        const result = await deliverWithRetry((s) => target.send(request, s), entry.records, retry, observer, signal);
        if (signal.aborted && result.dropReason === 'shutdown') return;
        this.exported += result.exported;
        this.rejected += result.rejected;
        if (result.dropped > 0) events.lost(result.dropReason ?? 'unknown', result.dropped, 'given up on after delivery failed');
      }
      await log.acknowledge(entry);
    }
  }
}

/** Reads an entry, trying again a few times a second apart when the read fails. */
async function readPatiently(log: SegmentLog, entry: EntryRef, signal: AbortSignal): Promise<Buffer | 'corrupt' | 'io-error'> {
  for (let attempt = 1; ; attempt++) {
    const payload = await log.read(entry);
    if (payload !== 'io-error' || attempt === READ_ATTEMPTS || !(await sleep(DISK_RETRY_MILLIS, signal))) return payload;
  }
}
