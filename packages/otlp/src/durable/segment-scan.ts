import type { DurableFs } from './durable-fs.ts';
import { FRAME_OVERHEAD_BYTES, HEADER_BYTES, MAGIC, readHeader, readTrailer, TRAILER_BYTES, type FrameHeader } from './entry-format.ts';

export interface ScannedFrame {
  offset: number;
  /** Header, payload and trailer. */
  bytes: number;
  records: number;
  key: number;
}

export interface SegmentScan {
  frames: ScannedFrame[];
  /** Where the last whole frame ends: what follows is a torn write. */
  end: number;
  size: number;
  /** Frames with a damaged header, skipped to the next valid frame. */
  corruptEntries: number;
  /** Their records, as far as their trailers tell. */
  corruptRecords: number;
  /** When the segment file was created and last written: the bounds of its entries' write times. */
  firstWrittenMillis: number;
  lastWrittenMillis: number;
}

const SEARCH_CHUNK_BYTES = 64 * 1024;
const MAGIC_BYTES = Buffer.alloc(4);
MAGIC_BYTES.writeUInt32LE(MAGIC);

/**
 * Lists the frames of a segment from `from` on, reading only their headers (a few bytes per
 * batch), so that a large backlog is counted at start without reading it. A damaged header costs
 * only its own frame: the scan moves on to the next valid header.
 */
export function scanSegment(fs: DurableFs, path: string, from: number): SegmentScan {
  const fd = fs.openSync(path, 'r');
  try {
    const { size, mtimeMs, birthtimeMs } = fs.fstatSync(fd);
    // Some file systems keep no creation time (0): the entries are then dated by the last write.
    const firstWrittenMillis = birthtimeMs > 0 && birthtimeMs <= mtimeMs ? birthtimeMs : mtimeMs;
    const scan: SegmentScan = { frames: [], end: from, size, corruptEntries: 0, corruptRecords: 0, firstWrittenMillis, lastWrittenMillis: mtimeMs };
    const headers = new HeaderReader(fs, fd);
    let offset = from;
    while (offset + HEADER_BYTES <= size) {
      const found = headers.at(offset);
      if (found !== undefined) {
        const bytes = found.payloadBytes + FRAME_OVERHEAD_BYTES;
        if (offset + bytes > size) break;
        scan.frames.push({ offset, bytes, records: found.records, key: found.key });
        offset = scan.end = offset + bytes;
        headers.lastFrameBytes = bytes;
        continue;
      }
      const next = nextFrame(fs, fd, offset + 1, size);
      const records = trailerRecords(fs, fd, offset, next ?? size);
      // No frame follows and no trailer closes this one: a write cut short, cut with the tail.
      if (next === undefined && records === undefined) break;
      scan.corruptEntries++;
      scan.corruptRecords += records ?? 0;
      offset = scan.end = next ?? size;
    }
    return scan;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads frame headers: one small read per header when frames are large; when they are small,
 * a chunk at a time, so that many small frames cost a few reads rather than one each.
 */
class HeaderReader {
  lastFrameBytes = 0;
  readonly #fs: DurableFs;
  readonly #fd: number;
  readonly #chunk = Buffer.alloc(SEARCH_CHUNK_BYTES);
  #chunkStart = 0;
  #chunkLength = 0;

  constructor(fs: DurableFs, fd: number) {
    this.#fs = fs;
    this.#fd = fd;
  }

  at(offset: number): FrameHeader | undefined {
    const inChunk = offset - this.#chunkStart;
    if (inChunk < 0 || inChunk + HEADER_BYTES > this.#chunkLength) {
      const want = this.lastFrameBytes > SEARCH_CHUNK_BYTES / 4 ? HEADER_BYTES : SEARCH_CHUNK_BYTES;
      this.#chunkLength = readAt(this.#fs, this.#fd, this.#chunk.subarray(0, want), offset);
      this.#chunkStart = offset;
      return readHeader(this.#chunk, 0);
    }
    return readHeader(this.#chunk, inChunk);
  }
}

/** The offset of the next valid header at or after `from`, if any. */
function nextFrame(fs: DurableFs, fd: number, from: number, size: number): number | undefined {
  const chunk = Buffer.alloc(SEARCH_CHUNK_BYTES + HEADER_BYTES);
  const header = Buffer.alloc(HEADER_BYTES);
  for (let start = from; start + HEADER_BYTES <= size; start += SEARCH_CHUNK_BYTES) {
    const length = readAt(fs, fd, chunk.subarray(0, Math.min(chunk.byteLength, size - start)), start);
    for (let at = chunk.indexOf(MAGIC_BYTES); at !== -1 && at < length; at = chunk.indexOf(MAGIC_BYTES, at + 1)) {
      if (at >= SEARCH_CHUNK_BYTES || start + at + HEADER_BYTES > size) break;
      readAt(fs, fd, header, start + at);
      if (readHeader(header) !== undefined) return start + at;
    }
  }
  return undefined;
}

function trailerRecords(fs: DurableFs, fd: number, start: number, end: number): number | undefined {
  if (end - start < FRAME_OVERHEAD_BYTES) return undefined;
  const trailer = Buffer.alloc(TRAILER_BYTES);
  readAt(fs, fd, trailer, end - TRAILER_BYTES);
  return readTrailer(trailer, end - start);
}

function readAt(fs: DurableFs, fd: number, buffer: Buffer, position: number): number {
  let read = 0;
  while (read < buffer.byteLength) {
    const n = fs.readSync(fd, buffer, read, buffer.byteLength - read, position + read);
    if (n === 0) break;
    read += n;
  }
  buffer.fill(0, read);
  return read;
}
