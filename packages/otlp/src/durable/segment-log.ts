import { mkdir, open, readFile, truncate, unlink, type FileHandle } from 'node:fs/promises';
import { checkEntry, encodeEntry, HEADER_BYTES } from './entry-format.ts';
import { listSegments, readCursor, segmentPath, writeCursor } from './segment-files.ts';

export type FsyncPolicy = 'always' | 'interval' | 'never';

export interface SegmentLogOptions {
  dir: string;
  maxBytes: number;
  segmentBytes: number;
  fsync: FsyncPolicy;
  /** When full: drop the oldest segment's entries, or refuse the new entry. */
  overflow: 'drop-oldest' | 'drop-newest';
}

/** Where an entry lives and how many records it holds. */
export interface EntryRef {
  segment: number;
  offset: number;
  /** Header and payload. */
  bytes: number;
  records: number;
}

export interface LogCounters {
  /** Records dropped because the disk limit was reached. */
  diskFullRecords: number;
  /** Entries that failed their checksum (replay or read): skipped, with the rest of their segment. */
  corruptEntries: number;
  corruptBytes: number;
  /** Entries a previous process left, found at start. */
  replayedEntries: number;
  replayedRecords: number;
}

/**
 * A write-ahead queue of encoded batches in segment files, read in order by one sender. An entry
 * is deleted only once the sender acknowledged it; a restart replays from the last acknowledged
 * position.
 */
export class SegmentLog {
  readonly counters: LogCounters = { diskFullRecords: 0, corruptEntries: 0, corruptBytes: 0, replayedEntries: 0, replayedRecords: 0 };
  readonly #options: SegmentLogOptions;
  /** Bytes of each segment file present. */
  readonly #segments = new Map<number, number>();
  #pending: EntryRef[] = [];
  #inFlight: EntryRef | undefined;
  #writeSegment = 0;
  #writeHandle: FileHandle | undefined;
  #dirty = false;
  /** Segments rolled over whose sync and close run in the background; sync() waits for them. */
  #closing = new Set<Promise<void>>();
  #waiters: (() => void)[] = [];

  private constructor(options: SegmentLogOptions) {
    this.#options = options;
  }

  /** Opens `dir`, replaying what a previous process left: torn tails are cut, corrupt entries skipped. */
  static async open(options: SegmentLogOptions): Promise<SegmentLog> {
    const log = new SegmentLog(options);
    await mkdir(options.dir, { recursive: true });
    await log.#replay();
    return log;
  }

  get pendingRecords(): number {
    return this.#pending.reduce((sum, e) => sum + e.records, 0);
  }

  get pendingEntries(): number {
    return this.#pending.length;
  }

  get diskBytes(): number {
    let total = 0;
    for (const bytes of this.#segments.values()) total += bytes;
    return total;
  }

  /** Appends one batch; false when it was refused for lack of room. Calls must not overlap. */
  async append(payload: Uint8Array, records: number): Promise<boolean> {
    const entry = encodeEntry(payload, records);
    if (!this.#makeRoom(entry.byteLength)) {
      this.counters.diskFullRecords += records;
      return false;
    }
    await this.#rollIfFull(entry.byteLength);
    const offset = this.#segments.get(this.#writeSegment)!;
    await this.#writeHandle!.write(entry, 0, entry.byteLength, offset);
    this.#segments.set(this.#writeSegment, offset + entry.byteLength);
    if (this.#options.fsync === 'always') await this.#writeHandle!.datasync();
    else this.#dirty = true;
    this.#pending.push({ segment: this.#writeSegment, offset, bytes: entry.byteLength, records });
    for (const wake of this.#waiters.splice(0)) wake();
    return true;
  }

  /** Makes written entries durable now (for 'interval' and forceFlush). */
  async sync(): Promise<void> {
    await Promise.all(this.#closing);
    if (!this.#dirty || this.#writeHandle === undefined) return;
    this.#dirty = false;
    await this.#writeHandle.datasync();
  }

  /** The oldest entry not yet acknowledged, waiting for one if there is none. */
  async next(signal: AbortSignal): Promise<EntryRef | undefined> {
    while (this.#pending.length === 0 && !signal.aborted) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal.removeEventListener('abort', wake);
          resolve();
        };
        this.#waiters.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
    this.#inFlight = this.#pending[0];
    return this.#inFlight;
  }

  /** The payload of an entry, or undefined when it no longer passes its checksum. */
  async read(ref: EntryRef): Promise<Uint8Array | undefined> {
    const handle = await open(segmentPath(this.#options.dir, ref.segment), 'r');
    try {
      const buffer = Buffer.allocUnsafe(ref.bytes);
      await handle.read(buffer, 0, ref.bytes, ref.offset);
      const check = checkEntry(buffer, 0);
      if (check.kind === 'entry') return buffer.subarray(HEADER_BYTES);
    } finally {
      await handle.close();
    }
    this.counters.corruptEntries++;
    this.counters.corruptBytes += ref.bytes;
    return undefined;
  }

  /** The sender is done with `ref` (accepted or given up on): move the cursor past it, free its segment. */
  async acknowledge(ref: EntryRef): Promise<void> {
    if (this.#pending[0] === ref) this.#pending.shift();
    this.#inFlight = undefined;
    await writeCursor(this.#options.dir, { segment: ref.segment, offset: ref.offset + ref.bytes }, this.#options.fsync === 'always');
    const next = this.#pending[0]?.segment ?? this.#writeSegment;
    for (const segment of this.#segments.keys()) {
      if (segment < next) await this.#deleteSegment(segment);
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.#closing);
    if (this.#options.fsync !== 'never') await this.sync();
    await this.#writeHandle?.close();
    this.#writeHandle = undefined;
    for (const wake of this.#waiters.splice(0)) wake();
  }

  async #replay(): Promise<void> {
    const cursor = await readCursor(this.#options.dir);
    for (const segment of await listSegments(this.#options.dir)) {
      const path = segmentPath(this.#options.dir, segment);
      if (segment < cursor.segment) {
        await unlink(path);
        continue;
      }
      const data = await readFile(path);
      let offset = segment === cursor.segment ? cursor.offset : 0;
      while (offset < data.byteLength) {
        const check = checkEntry(data, offset);
        if (check.kind !== 'entry') {
          if (check.kind === 'corrupt') {
            this.counters.corruptEntries++;
            this.counters.corruptBytes += data.byteLength - offset;
          }
          await truncate(path, offset);
          break;
        }
        const bytes = HEADER_BYTES + check.payloadBytes;
        this.#pending.push({ segment, offset, bytes, records: check.recordCount });
        this.counters.replayedEntries++;
        this.counters.replayedRecords += check.recordCount;
        offset += bytes;
      }
      this.#segments.set(segment, Math.min(offset, data.byteLength));
      this.#writeSegment = segment;
    }
    await this.#openSegment(this.#writeSegment + 1);
    const firstNeeded = this.#pending[0]?.segment ?? this.#writeSegment;
    for (const segment of this.#segments.keys()) {
      if (segment < firstNeeded) await this.#deleteSegment(segment);
    }
  }

  /** Frees whole segments, oldest first, but never the one being written or the one being sent. */
  #makeRoom(bytes: number): boolean {
    if (bytes > this.#options.maxBytes) return false;
    while (this.diskBytes + bytes > this.#options.maxBytes) {
      if (this.#options.overflow === 'drop-newest') return false;
      const victim = [...this.#segments.keys()].find((s) => s !== this.#writeSegment && s !== this.#inFlight?.segment);
      if (victim === undefined) return false;
      const dropped = this.#pending.filter((e) => e.segment === victim);
      this.#pending = this.#pending.filter((e) => e.segment !== victim);
      this.counters.diskFullRecords += dropped.reduce((sum, e) => sum + e.records, 0);
      this.#segments.delete(victim);
      void unlink(segmentPath(this.#options.dir, victim)).catch(() => {});
    }
    return true;
  }

  /** Starts a new segment; the full one is synced (unless 'never') and closed without holding up appends. */
  async #rollIfFull(bytes: number): Promise<void> {
    const size = this.#segments.get(this.#writeSegment)!;
    if (size === 0 || size + bytes <= this.#options.segmentBytes) return;
    const full = this.#writeHandle!;
    const syncFirst = this.#options.fsync !== 'never' && this.#dirty;
    this.#dirty = false;
    const closing: Promise<void> = (syncFirst ? full.datasync() : Promise.resolve())
      .finally(() => full.close())
      .finally(() => this.#closing.delete(closing));
    closing.catch(() => {}); // sync() reports the failure; nothing else is waiting for it
    this.#closing.add(closing);
    await this.#openSegment(this.#writeSegment + 1);
  }

  async #openSegment(segment: number): Promise<void> {
    this.#writeSegment = segment;
    this.#writeHandle = await open(segmentPath(this.#options.dir, segment), 'w');
    this.#segments.set(segment, 0);
  }

  async #deleteSegment(segment: number): Promise<void> {
    if (segment === this.#writeSegment) return;
    this.#segments.delete(segment);
    await unlink(segmentPath(this.#options.dir, segment)).catch(() => {});
  }
}
