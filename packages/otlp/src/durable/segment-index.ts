import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { DurableFs } from './durable-fs.ts';
import { FRAME_OVERHEAD_BYTES, HEADER_BYTES, readHeader } from './entry-format.ts';

/**
 * What a sealed segment holds, written beside it (`NNNNNNNNNN.idx`) when it is rolled over or
 * closed, so that opening a large backlog counts it without reading every frame header.
 * Little-endian: `magic u32 | segmentBytes f64 | entries u32 | records f64 | lastOffset f64 |
 * firstWrittenMillis f64 | lastWrittenMillis f64 | crc u32` (the checksum covers the rest).
 */
export interface SegmentIndex {
  /** Size of the segment file when it was sealed: the index holds for that size only. */
  segmentBytes: number;
  entries: number;
  records: number;
  /** Where the last frame starts (the first starts at 0). */
  lastOffset: number;
  /** When the first and the last entry were written (ms since the epoch). */
  firstWrittenMillis: number;
  lastWrittenMillis: number;
}

const INDEX_MAGIC = 0x3149574c; // 'LWI1'
const INDEX_BYTES = 56;
const INDEX = /^(\d{10})\.idx$/;

export function indexPath(dir: string, segment: number): string {
  return join(dir, `${String(segment).padStart(10, '0')}.idx`);
}

/** Segment numbers that have an index file in `names`. */
export function listIndexes(names: readonly string[]): number[] {
  return names.flatMap((name) => {
    const match = INDEX.exec(name);
    return match === null ? [] : [Number(match[1])];
  });
}

export function encodeIndex(index: SegmentIndex): Buffer {
  const buffer = Buffer.alloc(INDEX_BYTES);
  buffer.writeUInt32LE(INDEX_MAGIC, 0);
  buffer.writeDoubleLE(index.segmentBytes, 4);
  buffer.writeUInt32LE(index.entries, 12);
  buffer.writeDoubleLE(index.records, 16);
  buffer.writeDoubleLE(index.lastOffset, 24);
  buffer.writeDoubleLE(index.firstWrittenMillis, 32);
  buffer.writeDoubleLE(index.lastWrittenMillis, 40);
  buffer.writeUInt32LE(crc32(buffer.subarray(0, 48)), 48);
  return buffer;
}

function decodeIndex(buffer: Buffer): SegmentIndex | undefined {
  if (buffer.byteLength !== INDEX_BYTES || buffer.readUInt32LE(0) !== INDEX_MAGIC) return undefined;
  if (crc32(buffer.subarray(0, 48)) !== buffer.readUInt32LE(48)) return undefined;
  return {
    segmentBytes: buffer.readDoubleLE(4),
    entries: buffer.readUInt32LE(12),
    records: buffer.readDoubleLE(16),
    lastOffset: buffer.readDoubleLE(24),
    firstWrittenMillis: buffer.readDoubleLE(32),
    lastWrittenMillis: buffer.readDoubleLE(40),
  };
}

/**
 * The index of `segment` when it is intact and still describes the file: same size, a valid
 * frame header at the start and at `lastOffset`, and that last frame ending the file. Otherwise
 * (missing, torn, corrupt, stale) undefined, and the caller scans the headers instead. Damage
 * inside the segment that these checks miss is found when the sender reads it, and counted then.
 */
export function readIndex(fs: DurableFs, dir: string, segment: number, segmentFile: string): SegmentIndex | undefined {
  let index: SegmentIndex | undefined;
  try {
    index = decodeIndex(fs.readFileSync(indexPath(dir, segment)));
  } catch {
    return undefined;
  }
  if (index === undefined || !plausible(index)) return undefined;
  try {
    return matchesSegment(fs, segmentFile, index) ? index : undefined;
  } catch {
    return undefined;
  }
}

function plausible(index: SegmentIndex): boolean {
  const { segmentBytes, entries, records, lastOffset } = index;
  return (
    Number.isSafeInteger(segmentBytes) && Number.isSafeInteger(records) && Number.isSafeInteger(lastOffset) &&
    entries > 0 && records >= 0 && lastOffset >= 0 && lastOffset + FRAME_OVERHEAD_BYTES <= segmentBytes &&
    entries * FRAME_OVERHEAD_BYTES <= segmentBytes && (entries === 1) === (lastOffset === 0)
  );
}

function matchesSegment(fs: DurableFs, segmentFile: string, index: SegmentIndex): boolean {
  const fd = fs.openSync(segmentFile, 'r');
  try {
    if (fs.fstatSync(fd).size !== index.segmentBytes) return false;
    const header = Buffer.alloc(HEADER_BYTES);
    if (fs.readSync(fd, header, 0, HEADER_BYTES, 0) !== HEADER_BYTES || readHeader(header) === undefined) return false;
    if (fs.readSync(fd, header, 0, HEADER_BYTES, index.lastOffset) !== HEADER_BYTES) return false;
    const last = readHeader(header);
    return last !== undefined && index.lastOffset + last.payloadBytes + FRAME_OVERHEAD_BYTES === index.segmentBytes;
  } finally {
    fs.closeSync(fd);
  }
}
