import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import type { CheckpointEntry } from './checkpoint.ts';

const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

/** What a tail needs from the shipper: one read buffer shared by all tails (reads are serialized) and the counters. */
export interface TailHost {
  readonly buffer: Buffer;
  readonly maxLineBytes: number;
  line(text: string, tail: FileTail): void;
  emptyLine(): void;
  truncatedLine(): void;
}

/** What may still be read before the shipper must flush and wait for the sink. */
export interface ReadBudget {
  lines: number;
  bytes: number;
}

/**
 * One open file read line by line from an offset. Only whole lines (ended by `\n`) are sent; a
 * partial last line waits in memory, at most `maxLineBytes` of it, for the rest. `lineStart` is
 * the offset of the first byte not yet sent as part of a line: what a checkpoint records.
 */
export class FileTail {
  readonly path: string;
  readonly dev: bigint;
  readonly ino: bigint;
  /** The attributes of every record read from this file; the SDK copies them. */
  readonly attributes: Readonly<Record<string, string>>;
  /** When the file last grew; a rotated file is closed once it has been quiet long enough. */
  lastGrowthAt = Date.now();
  readonly #handle: FileHandle;
  readonly #host: TailHost;
  #position: number;
  #lineStart: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #size = 0;
  /** Skipping the rest of a line already sent cut to maxLineBytes. */
  #discarding = false;

  private constructor(path: string, handle: FileHandle, dev: bigint, ino: bigint, offset: number, host: TailHost) {
    this.path = path;
    this.#handle = handle;
    this.dev = dev;
    this.ino = ino;
    this.#position = offset;
    this.#lineStart = offset;
    this.#host = host;
    this.attributes = { 'log.file.path': path, 'log.file.name': basename(path) };
  }

  /**
   * Opens `file` (the path it is read under is `path`) at the offset `startAt` chooses from its
   * size; undefined when it does not exist.
   */
  static async open(path: string, file: string, host: TailHost, startAt: (size: number, dev: bigint, ino: bigint) => number) {
    let handle: FileHandle;
    try {
      handle = await open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const stat = await handle.stat({ bigint: true });
      const offset = startAt(Number(stat.size), stat.dev, stat.ino);
      const tail = new FileTail(path, handle, stat.dev, stat.ino, offset, host);
      tail.size = Number(stat.size);
      return tail;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** Bytes read so far. */
  get position(): number {
    return this.#position;
  }

  /** The file's size as last seen (by a stat or by reading to its end): what lag is measured against. */
  get size(): number {
    return Math.max(this.#size, this.#position);
  }

  set size(bytes: number) {
    this.#size = bytes;
  }

  get lineStart(): number {
    return this.#lineStart;
  }

  checkpoint(): CheckpointEntry {
    return { path: this.path, dev: String(this.dev), ino: String(this.ino), offset: this.#lineStart };
  }

  /** The file was truncated in place (copytruncate): read it again from the start. */
  restart(): void {
    this.#position = 0;
    this.#lineStart = 0;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#discarding = false;
    this.#size = 0;
  }

  /**
   * Reads and sends whole lines until the end of the file, or until the budget (lines or bytes,
   * newlines included) is spent; in that case it stops right after a line, so the next call
   * starts exactly there. The budget is decreased by what was read.
   */
  async readLines(budget: ReadBudget): Promise<'eof' | 'budget'> {
    const buffer = this.#host.buffer;
    for (;;) {
      const { bytesRead } = await this.#handle.read(buffer, 0, buffer.length, this.#position);
      if (bytesRead === 0) return 'eof';
      this.lastGrowthAt = Date.now();
      const chunk = buffer.subarray(0, bytesRead);
      const chunkStart = this.#position;
      let start = 0;
      for (let newline = chunk.indexOf(NEWLINE); newline >= 0; newline = chunk.indexOf(NEWLINE, start)) {
        if (this.#discarding) this.#discarding = false;
        else this.#sendLine(chunk, start, newline);
        start = newline + 1;
        budget.bytes -= chunkStart + start - this.#lineStart;
        budget.lines--;
        this.#lineStart = chunkStart + start;
        if (budget.lines <= 0 || budget.bytes <= 0) {
          this.#position = this.#lineStart;
          return 'budget';
        }
      }
      this.#keepPartial(chunk, start);
      this.#position = chunkStart + bytesRead;
    }
  }

  /** At the end of a rotated file no more bytes will come: its last line is sent without a newline. */
  flushPartialLine(): void {
    if (this.#pendingBytes > 0 && !this.#discarding) this.#sendBytes(Buffer.concat(this.#pending), this.#pendingBytes);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#lineStart = this.#position;
  }

  close(): Promise<void> {
    return this.#handle.close().catch(() => {});
  }

  #sendLine(chunk: Buffer, start: number, end: number): void {
    if (this.#pendingBytes === 0) {
      this.#sendBytes(chunk.subarray(start, end), end - start);
      return;
    }
    this.#pending.push(chunk.subarray(start, end));
    const bytes = Buffer.concat(this.#pending);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#sendBytes(bytes, bytes.length);
  }

  #sendBytes(bytes: Buffer, length: number): void {
    let end = length;
    if (end > 0 && bytes[end - 1] === CARRIAGE_RETURN) end--;
    if (end === 0) return this.#host.emptyLine();
    if (end > this.#host.maxLineBytes) {
      end = this.#host.maxLineBytes;
      this.#host.truncatedLine();
    }
    this.#host.line(bytes.toString('utf8', 0, end), this);
  }

  /** Keeps the bytes after the last newline; a line growing past maxLineBytes is sent cut and its rest skipped. */
  #keepPartial(chunk: Buffer, start: number): void {
    if (start >= chunk.length || this.#discarding) return;
    const size = chunk.length - start;
    if (this.#pendingBytes + size <= this.#host.maxLineBytes) {
      this.#pending.push(Buffer.from(chunk.subarray(start)));
      this.#pendingBytes += size;
      return;
    }
    this.#pending.push(chunk.subarray(start));
    this.#sendBytes(Buffer.concat(this.#pending), this.#host.maxLineBytes + 1);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#discarding = true;
  }
}
