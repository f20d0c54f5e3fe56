import type { FileHandle } from 'node:fs/promises';
import type { DurableFs } from './durable-fs.ts';
import { segmentPath } from './segment-files.ts';
import { encodeIndex, indexPath, type SegmentIndex } from './segment-index.ts';
import type { DiskEvents, SegmentLogOptions } from './segment-log.ts';

/** After a failed write the disk is tried again this long after, or as soon as a segment is freed. */
export const DISK_RETRY_MILLIS = 1_000;

/**
 * Appends frames to the newest segment file, starting a new one when it is full. A failed write
 * (full or read-only disk) gives the segment up, cut back to its last whole frame, and the writer
 * waits DISK_RETRY_MILLIS (or until space is freed) before it is tried again.
 */
export class SegmentWriter {
  readonly #options: SegmentLogOptions;
  readonly #fs: DurableFs;
  readonly #events: DiskEvents;
  /** Bytes of each segment file present, shared with the log. */
  readonly #segments: Map<number, number>;
  /** The newest segment; a new one is opened after it when there is no handle. */
  #segment: number;
  #handle: FileHandle | undefined;
  #dirty = false;
  /** Segments rolled over whose sync and close run in the background; sync() waits for them. */
  readonly #closing = new Set<Promise<void>>();
  /** A sync failed since takeSyncFailure() was last called. */
  #syncFailed = false;
  /** When a write last failed; undefined while writes succeed. */
  #failedAt: number | undefined;
  /** What the segment being written holds, for its index; undefined once a write into it failed. */
  #index: SegmentIndex | undefined;

  constructor(options: SegmentLogOptions, events: DiskEvents, segments: Map<number, number>, lastSegment: number) {
    this.#options = options;
    this.#fs = options.fs;
    this.#events = events;
    this.#segments = segments;
    this.#segment = lastSegment;
  }

  /** The segment new frames go to. */
  get segment(): number {
    return this.#segment;
  }

  /** Whether the newest segment still takes frames (false after a failed write, until the next one opens). */
  get open(): boolean {
    return this.#handle !== undefined;
  }

  /** False for a while after a write failed: the caller keeps the entry in memory meanwhile. */
  writable(): boolean {
    return this.#failedAt === undefined || Date.now() - this.#failedAt >= DISK_RETRY_MILLIS;
  }

  /** Space was freed: a full disk may take writes again now. */
  freed(): void {
    if (this.#failedAt !== undefined) this.#failedAt = 0;
  }

  /** Appends `frame`; the offset it starts at in `segment`, or undefined when the disk failed (reported). */
  async write(frame: Buffer): Promise<number | undefined> {
    let offset = 0;
    try {
      await this.#rollIfFull(frame.byteLength);
      this.#handle ??= await this.#openNextSegment();
      offset = this.#segments.get(this.#segment)!;
      await writeFully(this.#handle, frame, offset);
    } catch (error) {
      this.#writeFailed(error, offset);
      return undefined;
    }
    this.#segments.set(this.#segment, offset + frame.byteLength);
    this.#indexed(frame, offset);
    this.#dirty = true;
    if (this.#options.fsync === 'always') await this.sync();
    if (this.#failedAt !== undefined) {
      this.#failedAt = undefined;
      this.#events.recovered();
    }
    return offset;
  }

  /** Makes written frames durable now (for 'interval', 'always' and forceFlush; 'never' leaves it to the OS). */
  async sync(): Promise<void> {
    await Promise.all(this.#closing);
    if (this.#options.fsync === 'never' || !this.#dirty || this.#handle === undefined) return;
    this.#dirty = false;
    try {
      await this.#handle.datasync();
    } catch (error) {
      this.#syncFailed = true;
      this.#events.failed('sync', error);
    }
  }

  /** Whether a sync failed since the last call: what was written may not survive an OS crash. */
  takeSyncFailure(): boolean {
    const failed = this.#syncFailed;
    this.#syncFailed = false;
    return failed;
  }

  async close(): Promise<void> {
    await this.sync();
    await Promise.all(this.#closing);
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close().catch((error: unknown) => this.#events.failed('close', error));
    // The next process starts a segment after this one: it is sealed.
    if (handle !== undefined) await this.#writeIndex(this.#segment, this.#index);
  }

  /** Starts a new segment; the full one is synced (unless 'never') and closed without holding up appends. */
  async #rollIfFull(bytes: number): Promise<void> {
    const full = this.#handle;
    const size = this.#segments.get(this.#segment) ?? 0;
    if (full === undefined || size === 0 || size + bytes <= this.#options.segmentBytes) return;
    this.#handle = undefined;
    const syncFirst = this.#options.fsync !== 'never' && this.#dirty;
    this.#dirty = false;
    const sealed = this.#segment;
    const index = this.#index;
    const closing: Promise<void> = (syncFirst ? full.datasync() : Promise.resolve())
      .finally(() => full.close())
      .then(() => this.#writeIndex(sealed, index))
      .catch((error: unknown) => {
        this.#syncFailed = true;
        this.#events.failed('sync', error);
      })
      .finally(() => this.#closing.delete(closing));
    this.#closing.add(closing);
  }

  async #openNextSegment(): Promise<FileHandle> {
    const segment = this.#segment + 1;
    const handle = await this.#fs.open(segmentPath(this.#options.dir, segment), 'w');
    this.#segment = segment;
    this.#segments.set(segment, 0);
    this.#index = { segmentBytes: 0, entries: 0, records: 0, lastOffset: 0, firstWrittenMillis: 0, lastWrittenMillis: 0 };
    return handle;
  }

  /** Gives up the segment being written (cut back to its last whole frame); the next write starts a new one. */
  #writeFailed(error: unknown, goodBytes: number): void {
    this.#failedAt = Date.now();
    this.#index = undefined;
    this.#events.failed('write', error);
    const handle = this.#handle;
    this.#handle = undefined;
    if (handle !== undefined) {
      void handle.truncate(goodBytes).catch(() => {}).finally(() => handle.close().catch(() => {}));
    }
  }

  #indexed(frame: Buffer, offset: number): void {
    const index = this.#index;
    if (index === undefined) return;
    const now = Date.now();
    if (index.entries === 0) index.firstWrittenMillis = now;
    index.lastWrittenMillis = now;
    index.entries++;
    index.records += frame.readUInt32LE(8);
    index.lastOffset = offset;
    index.segmentBytes = offset + frame.byteLength;
  }

  /**
   * Writes a sealed segment's index. It only spares the next open a scan: when it fails, or is
   * lost or torn, the next open finds no valid index and scans the segment instead.
   */
  async #writeIndex(segment: number, index: SegmentIndex | undefined): Promise<void> {
    if (index === undefined || index.entries === 0) return;
    await this.#fs.writeFile(indexPath(this.#options.dir, segment), encodeIndex(index)).catch(() => {});
  }
}

/** A nearly full disk takes part of a write without an error: the rest is written until it fails. */
async function writeFully(handle: FileHandle, data: Buffer, position: number): Promise<void> {
  for (let written = 0; written < data.byteLength; ) {
    const { bytesWritten } = await handle.write(data, written, data.byteLength - written, position + written);
    if (bytesWritten === 0) throw Object.assign(new Error('ENOSPC: no space left on device, short write'), { code: 'ENOSPC' });
    written += bytesWritten;
  }
}
