import { ErrorReporter, LOG_RECORD_UID, uuidv7, type LogRecordLike } from '@logweave/core';
import { BatchQueue } from '../internal/batch-queue.ts';
import type { HttpTarget } from '../internal/http-target.ts';
import { encodeBatch } from '../internal/encode-batch.ts';
import { accepted, lost } from '../internal/retry-loop.ts';
import type { SinkStats } from '../internal/sink-counters.ts';
import type { ResolvedOtlpSinkOptions } from '../options.ts';
import { lockDir } from './dir-lock.ts';
import type { ResolvedDurableOptions } from './durable-options.ts';
import { DurableSender } from './durable-sender.ts';
import { SegmentLog } from './segment-log.ts';

export interface DurableStats extends SinkStats {
  /** Records written to the write-ahead queue by this process. */
  persisted: number;
  /** Records on disk not yet accepted by the collector (including those a previous process left). */
  onDisk: number;
  diskBytes: number;
  /** Records found on disk at start, left by a previous process. */
  replayed: number;
  /** Entries that failed their checksum and were skipped (a torn or corrupt tail). */
  corruptEntries: number;
}

/**
 * The durable mode of otlpSink: batches are encoded once and appended to a write-ahead queue on
 * disk; a sender posts them in order and deletes them only once the collector accepted them.
 */
export class DurableSinkCore {
  readonly #queue: BatchQueue;
  readonly #log: Promise<SegmentLog | undefined>;
  readonly #sender: DurableSender;
  readonly #errors: ErrorReporter;
  readonly #durable: ResolvedDurableOptions;
  readonly #flushTimeoutMillis: number;
  readonly #unlock: () => void;
  readonly #syncTimer: NodeJS.Timeout | undefined;
  /** The log once open, for stats() to read synchronously. */
  #opened: SegmentLog | undefined;

  constructor(options: ResolvedOtlpSinkOptions, durable: ResolvedDurableOptions, target: HttpTarget) {
    this.#durable = durable;
    this.#flushTimeoutMillis = options.flushTimeoutMillis;
    this.#errors = new ErrorReporter(`sink ${options.name}`);
    this.#unlock = lockDir(durable.dir);
    this.#log = SegmentLog.open(durable).then(
      (log) => (this.#opened = log),
      (error: unknown) => {
        this.#errors.report('durable queue', error);
        return undefined;
      },
    );
    // One append at a time keeps entries whole and in order.
    this.#queue = new BatchQueue({ ...options, maxConcurrentExports: 1 }, (records) => this.#persist(records, target));
    const log = this.#log.then((l) => l ?? new Promise<SegmentLog>(() => {}));
    this.#sender = new DurableSender(log, target, options.retry, this.#queue);
    if (durable.fsync === 'interval') {
      this.#syncTimer = setInterval(() => void this.#sync(), durable.fsyncIntervalMillis);
      this.#syncTimer.unref();
    }
  }

  add(record: LogRecordLike): void {
    if (record.attributes[LOG_RECORD_UID] === undefined) record.setAttribute(LOG_RECORD_UID, uuidv7());
    this.#queue.add(record);
  }

  /** Resolves once every record handed over so far is on disk (and synced, unless fsync is 'never'). */
  async forceFlush(): Promise<void> {
    await this.#queue.forceFlush();
    await this.#sync();
  }

  /** Persists what is queued, lets the sender work until the flush timeout, then stops; the rest waits on disk. */
  async shutdown(): Promise<void> {
    await this.#queue.shutdown();
    clearInterval(this.#syncTimer);
    const log = await this.#log;
    const deadline = Date.now() + this.#flushTimeoutMillis;
    while (log !== undefined && log.pendingEntries > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await this.#sender.stop();
    await log?.close();
    this.#unlock();
  }

  stats(): DurableStats {
    const queue = this.#queue.stats();
    const log = this.#opened;
    const sender = this.#sender.counters;
    const droppedBy = { ...queue.droppedBy };
    const add = (reason: string, n: number) => {
      if (n > 0) droppedBy[reason] = (droppedBy[reason] ?? 0) + n;
    };
    for (const [reason, n] of Object.entries(sender.droppedBy)) add(reason, n);
    add('disk-full', log?.counters.diskFullRecords ?? 0);
    return {
      ...queue,
      exported: sender.exported,
      rejected: sender.rejected,
      dropped: Object.values(droppedBy).reduce((sum, n) => sum + n, 0),
      droppedBy,
      persisted: queue.exported,
      onDisk: log?.pendingRecords ?? 0,
      diskBytes: log?.diskBytes ?? 0,
      replayed: log?.counters.replayedRecords ?? 0,
      corruptEntries: log?.counters.corruptEntries ?? 0,
    };
  }

  async #persist(records: readonly LogRecordLike[], target: HttpTarget) {
    const log = await this.#log;
    if (log === undefined) return lost(records.length, 'disk-error');
    const { bytes, unencodable } = encodeBatch(target.encoder, records);
    if (bytes === undefined) return accepted(records.length, 0, unencodable);
    const ok = await log.append(bytes, records.length - unencodable);
    return ok ? accepted(records.length, 0, unencodable) : lost(records.length, 'disk-full');
  }

  async #sync(): Promise<void> {
    if (this.#durable.fsync === 'never') return;
    try {
      await (await this.#log)?.sync();
    } catch (error) {
      this.#errors.report('durable queue sync', error);
    }
  }
}
