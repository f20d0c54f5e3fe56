import { ErrorReporter, metricNames, type LogRecordLike } from '@logweave/core';
import type { ResolvedQueueOptions } from '../queue-options.ts';
import type { BatchResult, DeliverBatch, DeliveryObserver } from './delivery.ts';
import { RecordQueue } from './record-queue.ts';
import { estimateRecordBytes } from './record-size.ts';
import { SinkCounters, type SinkStats } from './sink-counters.ts';

export interface BatchQueueOptions extends Omit<ResolvedQueueOptions, 'retry'> {
  /** Names the destination in stats and error reports. */
  name: string;
}

/**
 * A bounded queue that cuts records into batches and hands them to `deliver`, a few at a time.
 * Records being exported count against the bounds, so memory stays within them whatever the
 * collector does. `add()` only sizes and enqueues: a batch that fills is handed on at the next
 * turn of the event loop, never encoded in the stack of the `emit()` that filled it.
 */
export class BatchQueue implements DeliveryObserver {
  readonly #options: BatchQueueOptions;
  readonly #deliver: DeliverBatch;
  readonly #queue: RecordQueue;
  readonly #counters: SinkCounters;
  readonly #errors: ErrorReporter;
  readonly #abort = new AbortController();
  readonly #inFlight = new Set<Promise<void>>();
  #inFlightRecords = 0;
  #inFlightBytes = 0;
  /** Records accepted and records settled (exported, rejected or dropped after acceptance), for flushes. */
  #accepted = 0;
  #settled = 0;
  #flushTarget = 0;
  #flushWaiters: { target: number; resolve: () => void }[] = [];
  #timer: NodeJS.Timeout | undefined;
  #handOff: NodeJS.Immediate | undefined;
  #closed = false;

  constructor(options: BatchQueueOptions, deliver: DeliverBatch) {
    this.#options = options;
    this.#deliver = deliver;
    this.#queue = new RecordQueue(options.maxQueueSize);
    this.#counters = new SinkCounters(options.name);
    this.#errors = new ErrorReporter(`sink ${options.name}`);
    options.metrics?.observeQueue(() => ({ size: this.#queue.length + this.#inFlightRecords, capacity: options.maxQueueSize }));
  }

  /** Counts an attempt that failed; the delivery loop decides whether to retry. */
  onAttemptFailed(error: string): void {
    this.#counters.attemptFailed(error);
  }

  onRetry(): void {
    this.#counters.retries++;
  }

  add(record: LogRecordLike): void {
    this.#counters.received++;
    if (this.#closed) return this.#refuse('shutdown', metricNames.ERROR_ALREADY_SHUTDOWN);
    const size = estimateRecordBytes(record);
    if (size > this.#options.maxQueueBytes) return this.#refuse('record-too-large', 'record_too_large');
    if (!this.#makeRoom(size)) return this.#refuse('queue-full', metricNames.ERROR_QUEUE_FULL);
    this.#queue.push(record, size);
    this.#accepted++;
    if (this.#batchIsFull()) this.#handOff ??= this.#scheduleHandOff();
    else this.#timer ??= this.#startTimer();
  }

  stats(): SinkStats {
    return this.#counters.snapshot(this.#options.name, this.#queue.length, this.#inFlightRecords);
  }

  /** Exports everything accepted so far; resolves when it has settled or the flush timeout passed. */
  forceFlush(): Promise<void> {
    const target = this.#accepted;
    if (this.#settled >= target) return Promise.resolve();
    this.#flushTarget = Math.max(this.#flushTarget, target);
    const done = new Promise<void>((resolve) => this.#flushWaiters.push({ target, resolve }));
    this.#pump();
    return withTimeout(done, this.#options.flushTimeoutMillis);
  }

  /** Flushes, then abandons what is still queued or retrying: those records count as dropped (shutdown). */
  async shutdown(): Promise<void> {
    if (this.#closed) return;
    await this.forceFlush();
    this.#closed = true;
    clearTimeout(this.#timer);
    clearImmediate(this.#handOff);
    this.#abort.abort();
    await Promise.all(this.#inFlight);
    const left = this.#queue.take(this.#queue.length).records.length;
    if (left > 0) this.#settle({ exported: 0, rejected: 0, dropped: left, dropReason: 'shutdown' });
  }

  #makeRoom(size: number): boolean {
    if (this.#fits(size)) return true;
    if (this.#options.overflow === 'drop-newest') return false;
    while (!this.#fits(size) && this.#queue.length > 0) {
      this.#queue.dropOldest();
      this.#options.metrics?.processed(1, metricNames.ERROR_QUEUE_FULL);
      this.#settle(DROPPED_OLDEST);
    }
    return this.#fits(size);
  }

  /** A record turned away at the door: `processed` with its error.type, and a drop by reason. */
  #refuse(reason: string, errorType: string): void {
    this.#options.metrics?.processed(1, errorType);
    this.#drop(reason, 1);
  }

  #drop(reason: string, count: number): void {
    this.#counters.drop(reason, count);
    this.#options.metrics?.dropped(count, reason);
  }

  /**
   * Left ref'd, unlike the batch timer: it runs at the next turn of the loop anyway, and a script
   * that ends right after filling a batch still sends it, as when batches were sent inside emit().
   */
  #scheduleHandOff(): NodeJS.Immediate {
    return setImmediate(() => {
      this.#handOff = undefined;
      this.#pump();
    });
  }

  #batchIsFull(): boolean {
    return this.#queue.length >= this.#options.maxExportBatchSize || this.#queue.bytes >= this.#options.maxExportBatchBytes;
  }

  #fits(size: number): boolean {
    return this.#queue.length + this.#inFlightRecords < this.#options.maxQueueSize &&
      this.#queue.bytes + this.#inFlightBytes + size <= this.#options.maxQueueBytes;
  }

  #startTimer(): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.#timer = undefined;
      this.#pump(true);
    }, this.#options.scheduledDelayMillis);
    timer.unref();
    return timer;
  }

  /** Starts as many batches as concurrency allows: full ones always, partial ones when due. */
  #pump(due = false): void {
    while (this.#inFlight.size < this.#options.maxConcurrentExports && this.#queue.length > 0) {
      const full = this.#batchIsFull();
      const flushing = this.#settled + this.#inFlightRecords < this.#flushTarget;
      if (!full && !due && !flushing) break;
      this.#send(this.#queue.take(this.#options.maxExportBatchSize, this.#options.maxExportBatchBytes));
    }
    if (this.#queue.length > 0 && !this.#closed) this.#timer ??= this.#startTimer();
  }

  #send(batch: { records: LogRecordLike[]; bytes: number }): void {
    // The processor's work on these records ends here; the exporter side takes over.
    this.#options.metrics?.processed(batch.records.length);
    this.#inFlightRecords += batch.records.length;
    this.#inFlightBytes += batch.bytes;
    const delivery = this.#deliver(batch.records, this.#abort.signal)
      .catch((error: unknown): BatchResult => {
        this.#errors.report('delivery', error);
        return { exported: 0, rejected: 0, dropped: batch.records.length, dropReason: 'internal-error' };
      })
      .then((result) => {
        this.#inFlight.delete(delivery);
        this.#inFlightRecords -= batch.records.length;
        this.#inFlightBytes -= batch.bytes;
        this.#settle(result);
        if (!this.#closed) this.#pump();
      });
    this.#inFlight.add(delivery);
  }

  #settle(result: BatchResult): void {
    this.#counters.exported += result.exported;
    this.#counters.rejected += result.rejected;
    const droppedBy = result.droppedBy ?? (result.dropped > 0 ? { [result.dropReason ?? 'unknown']: result.dropped } : {});
    for (const [reason, count] of Object.entries(droppedBy)) this.#drop(reason, count);
    this.#settled += result.exported + result.rejected + result.dropped;
    if (this.#flushWaiters.length === 0) return;
    this.#flushWaiters = this.#flushWaiters.filter((w) => (this.#settled >= w.target ? void w.resolve() : true));
  }
}

const DROPPED_OLDEST: BatchResult = { exported: 0, rejected: 0, dropped: 1, dropReason: 'queue-full' };

/**
 * Settles when `promise` does or after `ms`. The timer is deliberately not unref'd: while an
 * application awaits a flush, the (unref'd) retry timers alone must not let the process exit
 * with the flush unsettled.
 */
function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
