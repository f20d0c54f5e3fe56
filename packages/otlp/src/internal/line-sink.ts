import { chainValueFilters, copyRecord, filterValue, type LogRecordLike, type Sink, type ValueFilter } from '@logweave/core';
import type { ResolvedQueueOptions } from '../queue-options.ts';
import { BatchQueue } from './batch-queue.ts';
import type { BatchResult } from './delivery.ts';
import { OTHER } from './export-outcome.ts';
import type { SinkStats } from './sink-counters.ts';

/** Where a line sink's text goes: a stream, a rotating file. */
export interface LineWriter {
  /** Resolves once the text is handed to the OS; rejects with the I/O error. */
  write(data: string | Uint8Array): Promise<void>;
  /** Forces written data to disk, where that means something. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** A batch as the bytes to write; records that cannot be written are left out and counted. */
export type BatchFormat = (records: readonly LogRecordLike[]) => { data: string | Uint8Array; unwritable: number };

export interface LineSinkSetup extends ResolvedQueueOptions {
  name: string;
}

/**
 * What consoleSink and fileSink share with otlpSink: the one bounded queue, batching, counting
 * and reporting. A batch is written once, in order (one write at a time); a write that fails
 * loses its batch, counted under `disk-full` or `io-error`. `exported` counts records written.
 */
export class LineSink implements Sink {
  readonly name: string;
  readonly #queue: BatchQueue;
  readonly #writer: LineWriter;
  /** Filters applied to every string written (redaction where data leaves the process). */
  readonly #filters: ValueFilter[] = [];
  #filter: ValueFilter | undefined;
  #shutdown: Promise<void> | undefined;

  constructor(setup: LineSinkSetup, format: BatchFormat, writer: LineWriter) {
    this.name = setup.name;
    this.#writer = writer;
    const metrics = setup.metrics;
    const queue: BatchQueue = new BatchQueue({ ...setup, maxConcurrentExports: 1 }, async (records) => {
      const { kept, unreadable } = this.#filter === undefined ? { kept: records, unreadable: 0 } : filtered(records, this.#filter);
      const formatted = format(kept);
      const { data } = formatted;
      const unwritable = formatted.unwritable + unreadable;
      const result: BatchResult = { exported: records.length - unwritable, rejected: 0, dropped: 0, droppedBy: {} };
      if (unwritable > 0) result.droppedBy!['unencodable'] = unwritable;
      const written = result.exported;
      const started = performance.now();
      if (written > 0) metrics?.exportStarted(written);
      try {
        if (written > 0) await writer.write(data);
        if (written > 0) metrics?.exportFinished(written, (performance.now() - started) / 1000);
      } catch (error) {
        queue.onAttemptFailed(describe(error));
        metrics?.exportFinished(written, (performance.now() - started) / 1000, { errorType: errorType(error) });
        result.droppedBy![lossReason(error)] = written;
        result.exported = 0;
      }
      result.dropped = Object.values(result.droppedBy!).reduce((sum, n) => sum + n, 0);
      return result;
    });
    this.#queue = queue;
  }

  onEmit(record: LogRecordLike): void {
    this.#queue.add(record);
  }

  applyValueFilter(filter: ValueFilter): void {
    this.#filters.push(filter);
    this.#filter = chainValueFilters(this.#filters);
  }

  stats(): SinkStats {
    return this.#queue.stats();
  }

  /** Resolves once every record handed over so far is written (and synced, as the sink's policy says). */
  async forceFlush(): Promise<void> {
    await this.#queue.forceFlush();
    await this.#writer.sync().catch((error: unknown) => this.#queue.onAttemptFailed(describe(error)));
  }

  shutdown(): Promise<void> {
    this.#shutdown ??= this.#queue
      .shutdown()
      .then(() => this.#writer.sync())
      .catch((error: unknown) => this.#queue.onAttemptFailed(describe(error)))
      .finally(() => this.#writer.close().catch(() => {}));
    return this.#shutdown;
  }
}

function lossReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' ? 'disk-full' : 'io-error';
}

/** The system error code (`ENOSPC`, `EPIPE`) as the conventions' error.type, `_OTHER` without one. */
function errorType(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? OTHER;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as NodeJS.ErrnoException).code;
  return code === undefined ? error.message : `${code}: ${error.message}`;
}

/**
 * Copies of `records` whose body and attributes went through `filter`, each value read once:
 * the formats serialise these copies, so what is written is what the filter inspected. A record
 * whose values cannot be read or filtered is left out (fail closed) and counted unwritable.
 */
function filtered(records: readonly LogRecordLike[], filter: ValueFilter): { kept: LogRecordLike[]; unreadable: number } {
  const kept: LogRecordLike[] = [];
  for (const record of records) {
    try {
      const copy = copyRecord(record);
      copy.body = filterValue(record.body, undefined, filter);
      const attributes = filterValue(record.attributes, undefined, filter) as Record<string, unknown>;
      for (const key in copy.attributes) delete copy.attributes[key];
      for (const key of Object.keys(attributes)) {
        Object.defineProperty(copy.attributes, key, { value: attributes[key], enumerable: true, writable: true, configurable: true });
      }
      kept.push(copy);
    } catch {
      // Nothing of it is written: an error here may quote the value the filter was given.
    }
  }
  return { kept, unreadable: records.length - kept.length };
}
