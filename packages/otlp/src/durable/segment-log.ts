import type { FileHandle } from 'node:fs/promises';
import type { EncodedRequest } from '@logweave/core';
import { Backlog, type PendingSegment } from './backlog.ts';
import type { DurableFs } from './durable-fs.ts';
import { encodeFrame, framePayload } from './entry-format.ts';
import { CursorWriter, segmentPath } from './segment-files.ts';
import { indexPath } from './segment-index.ts';
import { listIndexedSegment, replayDir, type ReplayedLog } from './segment-replay.ts';
import { SegmentWriter } from './segment-writer.ts';

export type FsyncPolicy = 'always' | 'interval' | 'never';

export interface SegmentLogOptions {
  dir: string;
  maxBytes: number;
  segmentBytes: number;
  fsync: FsyncPolicy;
  /** When full: drop the oldest segment's entries, or refuse the new entry. */
  overflow: 'drop-oldest' | 'drop-newest';
  fs: DurableFs;
}

/** How the log tells its owner about losses and failures; it never throws them. */
export interface DiskEvents {
  /** Records on disk that are lost: counted under `reason` and reported. */
  lost(reason: string, records: number, detail: string): void;
  /** An I/O call failed (what it cost, if anything, goes through `lost` or the append outcome). */
  failed(operation: string, error: unknown): void;
  /** Writes reach the disk again after a failure. */
  recovered(): void;
}

/** Where an entry lives and what it holds. */
export interface EntryRef {
  segment: number;
  offset: number;
  /** Whole frame. */
  bytes: number;
  records: number;
  key: number;
  /** When it was written (ms since the epoch); estimated for an entry a previous process left. */
  writtenAtMillis: number;
}

/** 'refused': no room under maxBytes; 'failed': the disk failed and nothing was kept. */
export type AppendOutcome = 'written' | 'refused' | 'failed';

/**
 * A write-ahead queue of encoded requests in segment files, read in order by one sender. An entry
 * is deleted only once the sender acknowledged it; a restart replays from the last acknowledged
 * position. No method throws or rejects: I/O failures go to the DiskEvents.
 */
export class SegmentLog {
  readonly counters = { replayedRecords: 0, corruptEntries: 0 };
  /** Called after each acknowledgement (the replay progress report). */
  onAcknowledge: (() => void) | undefined;
  readonly #options: SegmentLogOptions;
  readonly #fs: DurableFs;
  readonly #events: DiskEvents;
  readonly #cursor: CursorWriter;
  /** Bytes of each segment file present; the writer adds the ones it starts. */
  readonly #segments: Map<number, number>;
  readonly #backlog: Backlog;
  #inFlight: EntryRef | undefined;
  readonly #writer: SegmentWriter;
  readonly #replayedThrough: number;
  #waiters: (() => void)[] = [];
  #drainWaiters: (() => void)[] = [];

  private constructor(options: SegmentLogOptions, events: DiskEvents, replayed: ReplayedLog) {
    this.#options = options;
    this.#fs = options.fs;
    this.#events = events;
    this.#cursor = new CursorWriter(options.fs, options.dir);
    this.#backlog = new Backlog((segment) => this.#listSegment(segment));
    for (const segment of replayed.pending) this.#backlog.addSegment(segment);
    this.#segments = replayed.segments;
    this.#writer = new SegmentWriter(options, events, replayed.segments, replayed.lastSegment);
    this.#replayedThrough = replayed.lastSegment;
    this.counters.replayedRecords = replayed.replayedRecords;
    this.counters.corruptEntries = replayed.corruptEntries;
  }

  /**
   * Opens `dir` synchronously, counting what a previous process left from the sealed segments'
   * indexes (or their frame headers), so that the backlog is known as soon as the sink exists. Undefined when the directory cannot be
   * read at all (reported): the sink then keeps records in memory.
   */
  static open(options: SegmentLogOptions, events: DiskEvents): SegmentLog | undefined {
    try {
      return new SegmentLog(options, events, replayDir(options, events));
    } catch (error) {
      events.failed('open', error);
      return undefined;
    }
  }

  get pendingRecords(): number {
    return this.#backlog.records;
  }

  /** Bytes of the entries not yet acknowledged. */
  get pendingBytes(): number {
    return this.#backlog.bytes;
  }

  /** When the oldest entry not yet acknowledged was written (ms since the epoch), if any is left. */
  get oldestWrittenMillis(): number | undefined {
    return this.#backlog.oldestWrittenMillis;
  }

  /** Records left of those a previous process left: new entries go to segments after its last one. */
  backlogRecords(): number {
    return this.#backlog.recordsThrough(this.#replayedThrough);
  }

  get diskBytes(): number {
    let total = 0;
    for (const bytes of this.#segments.values()) total += bytes;
    return total;
  }

  /** False for a while after a write failed: the caller keeps the entry in memory meanwhile. */
  writable(): boolean {
    return this.#writer.writable();
  }

  /** Appends one request. Calls must not overlap. */
  async append(request: EncodedRequest): Promise<AppendOutcome> {
    const frame = encodeFrame(request);
    if (!this.#makeRoom(frame.byteLength)) return 'refused';
    const offset = await this.#writer.write(frame);
    if (offset === undefined) return 'failed';
    const writtenAtMillis = Date.now();
    this.#backlog.push({ segment: this.#writer.segment, offset, bytes: frame.byteLength, records: request.records, key: request.key, writtenAtMillis });
    for (const wake of this.#waiters.splice(0)) wake();
    return 'written';
  }

  /** Makes written entries durable now (for 'interval' and forceFlush; 'never' leaves it to the OS). */
  sync(): Promise<void> {
    return this.#writer.sync();
  }

  /** Whether a sync failed since the last call: what was written may not survive an OS crash. */
  takeSyncFailure(): boolean {
    return this.#writer.takeSyncFailure();
  }

  /** The oldest entry not yet acknowledged, waiting for one if there is none. */
  async next(signal: AbortSignal): Promise<EntryRef | undefined> {
    while (this.#backlog.head() === undefined && !signal.aborted) {
      this.#wakeIfDrained();
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal.removeEventListener('abort', wake);
          resolve();
        };
        this.#waiters.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
    this.#inFlight = this.#backlog.head();
    return this.#inFlight;
  }

  /** Resolves once no entry is left to send. */
  drained(): Promise<void> {
    if (this.#backlog.empty) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  /** The payload of an entry; 'corrupt' when it fails its checksums, 'io-error' when it cannot be read. */
  async read(ref: EntryRef): Promise<Buffer | 'corrupt' | 'io-error'> {
    let handle: FileHandle | undefined;
    try {
      handle = await this.#fs.open(segmentPath(this.#options.dir, ref.segment), 'r');
      const frame = Buffer.alloc(ref.bytes);
      const { bytesRead } = await handle.read(frame, 0, ref.bytes, ref.offset);
      const payload = bytesRead === ref.bytes ? framePayload(frame) : undefined;
      if (payload !== undefined) return payload;
      this.counters.corruptEntries++;
      return 'corrupt';
    } catch (error) {
      this.#events.failed('read', error);
      return 'io-error';
    } finally {
      await handle?.close().catch(() => {});
    }
  }

  /** The sender is done with `ref` (accepted or given up on): move the cursor past it, free its segment. */
  async acknowledge(ref: EntryRef): Promise<void> {
    this.#backlog.shift(ref);
    this.#inFlight = undefined;
    this.#wakeIfDrained();
    this.onAcknowledge?.();
    try {
      await this.#cursor.write({ segment: ref.segment, offset: ref.offset + ref.bytes }, this.#options.fsync === 'always');
    } catch (error) {
      // The next acknowledgement writes a later cursor; a restart meanwhile sends this entry again.
      this.#events.failed('cursor write', error);
    }
    // A segment given up after a failed write takes no more entries: once sent, it can go too.
    const firstNeeded = this.#backlog.firstSegment ?? this.#writer.segment + (this.#writer.open ? 0 : 1);
    for (const segment of this.#segments.keys()) {
      if (segment < firstNeeded) await this.#deleteSegment(segment);
    }
  }

  async close(): Promise<void> {
    await this.#writer.close();
    for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Frees whole segments, oldest first, but never the one being written or the one being sent. */
  #makeRoom(bytes: number): boolean {
    if (bytes > this.#options.maxBytes) return false;
    while (this.diskBytes + bytes > this.#options.maxBytes) {
      if (this.#options.overflow === 'drop-newest') return false;
      const victim = [...this.#segments.keys()].find((s) => s !== this.#writer.segment && s !== this.#inFlight?.segment);
      if (victim === undefined) return false;
      const dropped = this.#backlog.dropSegment(victim);
      this.#events.lost('disk-full', dropped, `durable.maxBytes (${this.#options.maxBytes}) reached: the oldest entries were dropped`);
      this.#segments.delete(victim);
      void this.#fs.unlink(segmentPath(this.#options.dir, victim)).catch((error: unknown) => this.#events.failed('delete', error));
      this.#unlinkIndex(victim);
    }
    return true;
  }

  #wakeIfDrained(): void {
    if (this.#backlog.empty) for (const wake of this.#drainWaiters.splice(0)) wake();
  }

  #listSegment(segment: PendingSegment): EntryRef[] {
    const { entries, corruptEntries } = listIndexedSegment(this.#options, this.#events, segment);
    this.counters.corruptEntries += corruptEntries;
    return entries;
  }

  /** An index left behind costs nothing: the next open finds it without its segment and deletes it. */
  #unlinkIndex(segment: number): void {
    void this.#fs.unlink(indexPath(this.#options.dir, segment)).catch(() => {});
  }

  async #deleteSegment(segment: number): Promise<void> {
    if (segment === this.#writer.segment && this.#writer.open) return;
    this.#segments.delete(segment);
    try {
      await this.#fs.unlink(segmentPath(this.#options.dir, segment));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.#events.failed('delete', error);
    }
    this.#unlinkIndex(segment);
    this.#writer.freed();
  }
}
