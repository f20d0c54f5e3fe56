import { LOG_RECORD_UID, uuidv7, type LogRecordLike, type Target } from '@logweave/core';
import { BatchQueue } from '../internal/batch-queue.ts';
import type { BatchResult } from '../internal/delivery.ts';
import type { RequestEncoder } from '../internal/encode-requests.ts';
import type { SinkStats } from '../internal/sink-counters.ts';
import type { ResolvedQueueOptions } from '../queue-options.ts';
import { DirInUseError, lockDir } from './dir-lock.ts';
import type { ResolvedDurableOptions } from './durable-options.ts';
import { DurableLosses } from './durable-losses.ts';
import { DurableSender } from './durable-sender.ts';
import { keepRequest } from './keep-request.ts';
import { ReplayProgress } from './replay-progress.ts';
import { SegmentLog } from './segment-log.ts';

export interface DurableStats extends SinkStats {
  /** Records written to the write-ahead queue by this process. */
  persisted: number;
  /** Records on disk not yet accepted by the target (including those a previous process left). */
  onDisk: number;
  diskBytes: number;
  /** Records found on disk at start, left by a previous process. */
  replayed: number;
  /** Entries that failed a checksum and were skipped, each alone. */
  corruptEntries: number;
  /** I/O calls on the queue directory that failed (the records they cost are in droppedBy). */
  diskErrors: number;
}

/** The queue options of the sink and the name it reports under. */
export interface DurableSinkOptions extends ResolvedQueueOptions {
  name: string;
}

/**
 * The durable mode of a sink: batches are encoded once and appended to a write-ahead queue on
 * disk; a sender replays them in order to the target and deletes them only once it accepted them.
 * While the disk fails, batches wait in the sink's bounded queue in memory and go to the target
 * straight; nothing is thrown into the application.
 */
export class DurableSinkCore {
  readonly #name: string;
  readonly #target: Target;
  readonly #encode: RequestEncoder;
  readonly #options: DurableSinkOptions;
  readonly #losses: DurableLosses;
  readonly #unlock: (() => void) | undefined;
  readonly #log: SegmentLog | undefined;
  readonly #queue: BatchQueue;
  readonly #sender: DurableSender | undefined;
  readonly #syncTimer: NodeJS.Timeout | undefined;
  readonly #progress: ReplayProgress | undefined;
  /** Records the target accepted straight from memory while the disk failed. */
  #sentFromMemory = 0;
  /** The queue's drops by reason at the last forceFlush, to tell what the next one lost. */
  #droppedAtFlush: Record<string, number> = {};

  /** Throws only at set-up, when another sink or a live process holds `durable.dir`. */
  constructor(options: DurableSinkOptions, durable: ResolvedDurableOptions, target: Target, encode: RequestEncoder) {
    this.#name = options.name;
    this.#options = options;
    this.#target = target;
    this.#encode = encode;
    this.#losses = new DurableLosses(options.name);
    this.#unlock = this.#lock(durable);
    this.#log = this.#unlock === undefined ? undefined : SegmentLog.open(durable, this.#losses);
    // One append at a time keeps entries whole and in order.
    this.#queue = new BatchQueue({ ...options, maxConcurrentExports: 1 }, (records, signal) => this.#persist(records, signal));
    if (this.#log !== undefined) {
      const log = this.#log;
      const progress = (this.#progress = new ReplayProgress(options.name, log));
      log.onAcknowledge = () => progress.update();
      options.metrics?.observeBacklog(() => ({
        records: log.pendingRecords,
        bytes: log.pendingBytes,
        ageSeconds: Math.max(0, Date.now() - (log.oldestWrittenMillis ?? Date.now())) / 1000,
      }));
      this.#sender = new DurableSender(this.#log, target, options.retry, this.#queue, this.#losses);
      if (durable.fsync === 'interval') {
        this.#syncTimer = setInterval(() => void this.#log?.sync(), durable.fsyncIntervalMillis);
        this.#syncTimer.unref();
      }
    }
  }

  add(record: LogRecordLike): void {
    if (record.attributes[LOG_RECORD_UID] === undefined) record.setAttribute(LOG_RECORD_UID, uuidv7());
    this.#queue.add(record);
  }

  /**
   * Resolves once every record handed over so far is on disk (synced unless fsync is 'never') or
   * accepted by the target. Rejects, naming the counts, when a record handed over since the last
   * forceFlush was dropped, is still only in memory when flushTimeoutMillis ends (disk full), or
   * a sync failed.
   */
  async forceFlush(): Promise<void> {
    const handedOver = this.#queue.stats().received;
    await this.#queue.forceFlush();
    await this.#log?.sync();
    const synced = this.#log?.takeSyncFailure() !== true;
    const queue = this.#queue.stats();
    const inMemory = Math.max(0, handedOver - (queue.exported + queue.rejected + queue.dropped));
    const dropped: string[] = [];
    let droppedCount = 0;
    for (const [reason, n] of Object.entries(queue.droppedBy)) {
      const since = n - (this.#droppedAtFlush[reason] ?? 0);
      if (since > 0) dropped.push(`${reason}: ${since}`);
      droppedCount += Math.max(0, since);
    }
    this.#droppedAtFlush = queue.droppedBy;
    if (inMemory === 0 && droppedCount === 0 && synced) return;
    throw new Error(
      `otlpSink ${this.#name}: forceFlush: not on disk: ${droppedCount} records dropped since the last flush` +
        `${dropped.length > 0 ? ` (${dropped.join(', ')})` : ''}, ${inMemory} still in memory only` +
        `${synced ? '' : '; and a disk sync failed'}`,
    );
  }

  /** Persists what is queued, lets the sender work until the flush timeout, then stops; the rest waits on disk. */
  async shutdown(): Promise<void> {
    await this.#queue.shutdown();
    clearInterval(this.#syncTimer);
    if (this.#log !== undefined) {
      await atMost(this.#log.drained(), this.#options.flushTimeoutMillis);
      await this.#sender?.stop();
      this.#progress?.stop();
      await this.#log.close();
    }
    this.#unlock?.();
    this.#losses.flush();
  }

  stats(): DurableStats {
    const queue = this.#queue.stats();
    const droppedBy = { ...queue.droppedBy };
    for (const [reason, n] of this.#losses.droppedBy) droppedBy[reason] = (droppedBy[reason] ?? 0) + n;
    const log = this.#log;
    return {
      ...queue,
      exported: (this.#sender?.exported ?? 0) + this.#sentFromMemory,
      rejected: queue.rejected + (this.#sender?.rejected ?? 0),
      dropped: Object.values(droppedBy).reduce((sum, n) => sum + n, 0),
      droppedBy,
      persisted: queue.exported - this.#sentFromMemory,
      onDisk: log?.pendingRecords ?? 0,
      diskBytes: log?.diskBytes ?? 0,
      replayed: log?.counters.replayedRecords ?? 0,
      corruptEntries: log?.counters.corruptEntries ?? 0,
      diskErrors: this.#losses.diskErrors,
    };
  }

  /** Claims the directory; an I/O failure (not a live owner) leaves the sink in memory, reported. */
  #lock(durable: ResolvedDurableOptions): (() => void) | undefined {
    try {
      return lockDir(durable.dir, durable.fs);
    } catch (error) {
      if (error instanceof DirInUseError) throw error;
      this.#losses.failed('lock', error);
      return undefined;
    }
  }

  /** The queue counts persisted and sent-from-memory records alike as settled; stats() tells them apart. */
  async #persist(records: readonly LogRecordLike[], signal: AbortSignal): Promise<BatchResult> {
    const { requests, unencodable } = this.#encode(records);
    const total: BatchResult = { exported: 0, rejected: 0, dropped: 0, droppedBy: {} };
    const drop = (reason: string, n: number) => {
      total.dropped += n;
      total.droppedBy![reason] = (total.droppedBy![reason] ?? 0) + n;
    };
    if (unencodable > 0) drop('unencodable', unencodable);
    for (const request of requests) {
      const kept = await keepRequest(request, this.#log, this.#target, this.#options.retry, this.#queue, signal);
      total.exported += kept.persisted + kept.sent.exported;
      total.rejected += kept.sent.rejected;
      this.#sentFromMemory += kept.sent.exported;
      if (kept.sent.dropped > 0) drop(kept.sent.dropReason ?? 'unknown', kept.sent.dropped);
    }
    return total;
  }
}

/** Settles when `promise` does or after `ms`; the timer keeps the process alive only while shutdown waits. */
function atMost(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
