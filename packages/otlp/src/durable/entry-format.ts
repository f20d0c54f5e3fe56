import { crc32 } from 'node:zlib';

/**
 * One write-ahead entry: `length u32 | crc32 u32 | recordCount u32 | payload`, little-endian.
 * The checksum covers the record count and the payload, so a torn or corrupt entry is detected
 * whichever part the crash cut.
 */
export const HEADER_BYTES = 12;
/** Larger than any batch a sink writes: a length above it is corruption, not data. */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

export function encodeEntry(payload: Uint8Array, recordCount: number): Buffer {
  const entry = Buffer.allocUnsafe(HEADER_BYTES + payload.byteLength);
  entry.writeUInt32LE(payload.byteLength, 0);
  entry.writeUInt32LE(recordCount, 8);
  entry.set(payload, HEADER_BYTES);
  entry.writeUInt32LE(crc32(entry.subarray(8)), 4);
  return entry;
}

export type EntryCheck =
  | { kind: 'entry'; payloadBytes: number; recordCount: number }
  /** Fewer bytes than the header or payload needs: the write was cut (a torn tail). */
  | { kind: 'torn' }
  | { kind: 'corrupt' };

/** Validates the entry at `offset` of `segment` (a whole segment file read into memory). */
export function checkEntry(segment: Buffer, offset: number): EntryCheck {
  if (segment.byteLength - offset < HEADER_BYTES) return { kind: 'torn' };
  const payloadBytes = segment.readUInt32LE(offset);
  if (payloadBytes > MAX_PAYLOAD_BYTES) return { kind: 'corrupt' };
  const end = offset + HEADER_BYTES + payloadBytes;
  if (end > segment.byteLength) return { kind: 'torn' };
  const expected = segment.readUInt32LE(offset + 4);
  if (crc32(segment.subarray(offset + 8, end)) !== expected) return { kind: 'corrupt' };
  return { kind: 'entry', payloadBytes, recordCount: segment.readUInt32LE(offset + 8) };
}
