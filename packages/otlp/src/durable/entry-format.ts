import { crc32 } from 'node:zlib';
import type { EncodedRequest } from '@logweave/core';

/**
 * One write-ahead entry (a frame), little-endian:
 *   header  `magic u32 | payloadBytes u32 | records u32 | key f64 | payloadCrc u32 | headerCrc u32`
 *   payload the encoded ExportLogsServiceRequest
 *   trailer `records u32 | payloadBytes u32 | trailerCrc u32`
 * The header has its own checksum, so the backlog is counted at start from headers alone and a
 * damaged header is never trusted; the magic lets a reader find the next frame after damage; the
 * trailer still says how many records a frame with a damaged header cost.
 */
export const MAGIC = 0x3151574c; // 'LWQ1'
export const HEADER_BYTES = 28;
export const TRAILER_BYTES = 12;
export const FRAME_OVERHEAD_BYTES = HEADER_BYTES + TRAILER_BYTES;
/** Larger than any batch a sink writes: a length above it is damage, not data. */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

export interface FrameHeader {
  payloadBytes: number;
  records: number;
  key: number;
  payloadCrc: number;
}

export function encodeFrame(request: EncodedRequest): Buffer {
  const payloadBytes = request.bytes.byteLength;
  const frame = Buffer.allocUnsafe(FRAME_OVERHEAD_BYTES + payloadBytes);
  frame.writeUInt32LE(MAGIC, 0);
  frame.writeUInt32LE(payloadBytes, 4);
  frame.writeUInt32LE(request.records, 8);
  frame.writeDoubleLE(request.key, 12);
  frame.writeUInt32LE(crc32(request.bytes), 20);
  frame.writeUInt32LE(crc32(frame.subarray(0, 24)), 24);
  frame.set(request.bytes, HEADER_BYTES);
  const trailer = HEADER_BYTES + payloadBytes;
  frame.writeUInt32LE(request.records, trailer);
  frame.writeUInt32LE(payloadBytes, trailer + 4);
  frame.writeUInt32LE(crc32(frame.subarray(trailer, trailer + 8)), trailer + 8);
  return frame;
}

/** The header at `offset` of `buffer` (at least HEADER_BYTES there), or undefined when damaged. */
export function readHeader(buffer: Uint8Array, offset = 0): FrameHeader | undefined {
  const view = Buffer.from(buffer.buffer, buffer.byteOffset + offset, HEADER_BYTES);
  if (view.readUInt32LE(0) !== MAGIC || crc32(view.subarray(0, 24)) !== view.readUInt32LE(24)) return undefined;
  const payloadBytes = view.readUInt32LE(4);
  if (payloadBytes > MAX_PAYLOAD_BYTES) return undefined;
  return { payloadBytes, records: view.readUInt32LE(8), key: view.readDoubleLE(12), payloadCrc: view.readUInt32LE(20) };
}

/** The record count a trailer holds, when it is intact and closes a frame of `frameBytes`. */
export function readTrailer(trailer: Uint8Array, frameBytes: number): number | undefined {
  const view = Buffer.from(trailer.buffer, trailer.byteOffset, TRAILER_BYTES);
  if (crc32(view.subarray(0, 8)) !== view.readUInt32LE(8)) return undefined;
  return view.readUInt32LE(4) + FRAME_OVERHEAD_BYTES === frameBytes ? view.readUInt32LE(0) : undefined;
}

/** The payload of a whole frame read back, or undefined when header or payload fail their checksum. */
export function framePayload(frame: Buffer): Buffer | undefined {
  if (frame.byteLength < FRAME_OVERHEAD_BYTES) return undefined;
  const header = readHeader(frame);
  if (header === undefined || header.payloadBytes + FRAME_OVERHEAD_BYTES !== frame.byteLength) return undefined;
  const payload = frame.subarray(HEADER_BYTES, HEADER_BYTES + header.payloadBytes);
  return crc32(payload) === header.payloadCrc ? payload : undefined;
}
