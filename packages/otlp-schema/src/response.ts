import type { OtlpEncoding } from './decode.ts';

/** What a collector's ExportLogsServiceResponse says was rejected (OTLP partial success). */
export interface PartialSuccess {
  rejected: number;
  message: string;
}

// ExportLogsServiceResponse { ExportLogsPartialSuccess partial_success = 1; }
// ExportLogsPartialSuccess { int64 rejected_log_records = 1; string error_message = 2; }
// Two fields, written and read here without protobufjs: a sink that only reads responses (every
// @logweave/otlp sink) does not load a protobuf runtime.
const PARTIAL_SUCCESS = 1;
const REJECTED = 1;
const MESSAGE = 2;
const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const FIXED32 = 5;

/** An ExportLogsServiceResponse in the request's encoding, with partial success when given. */
export function encodeLogsResponse(encoding: OtlpEncoding, partial?: PartialSuccess): Uint8Array | string {
  if (encoding === 'json') {
    return JSON.stringify(partial === undefined ? {} : { partialSuccess: { rejectedLogRecords: String(partial.rejected), errorMessage: partial.message } });
  }
  if (partial === undefined) return new Uint8Array(0);
  const message = Buffer.from(partial.message, 'utf8');
  const inner = [
    ...(partial.rejected === 0 ? [] : [tag(REJECTED, VARINT), ...varint(BigInt(partial.rejected))]),
    ...(message.length === 0 ? [] : [tag(MESSAGE, LENGTH_DELIMITED), ...varint(BigInt(message.length)), ...message]),
  ];
  return Uint8Array.from([tag(PARTIAL_SUCCESS, LENGTH_DELIMITED), ...varint(BigInt(inner.length)), ...inner]);
}

/**
 * The partial success a collector's ExportLogsServiceResponse reports: zero and `''` for a full
 * success. Throws when the body is not a response in that encoding.
 */
export function decodeLogsResponse(body: Uint8Array, encoding: OtlpEncoding): PartialSuccess {
  if (encoding === 'json') {
    const parsed = JSON.parse(Buffer.from(body).toString('utf8')) as { partialSuccess?: { rejectedLogRecords?: unknown; errorMessage?: unknown } | null };
    const partial = parsed.partialSuccess ?? {};
    return { rejected: Number(partial.rejectedLogRecords ?? 0), message: String(partial.errorMessage ?? '') };
  }
  const result: PartialSuccess = { rejected: 0, message: '' };
  for (const field of fields(body)) {
    if (field.number !== PARTIAL_SUCCESS || field.bytes === undefined) continue;
    for (const inner of fields(field.bytes)) {
      if (inner.number === REJECTED && inner.value !== undefined) result.rejected = Number(BigInt.asIntN(64, inner.value));
      if (inner.number === MESSAGE && inner.bytes !== undefined) result.message = Buffer.from(inner.bytes).toString('utf8');
    }
  }
  return result;
}

interface Field {
  number: number;
  value?: bigint;
  bytes?: Uint8Array;
}

function* fields(bytes: Uint8Array): Generator<Field> {
  const reader = { bytes, at: 0 };
  while (reader.at < bytes.length) {
    const key = readVarint(reader);
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (wireType === VARINT) yield { number, value: readVarint(reader) };
    else if (wireType === LENGTH_DELIMITED) yield { number, bytes: take(reader, Number(readVarint(reader))) };
    else if (wireType === FIXED64) take(reader, 8);
    else if (wireType === FIXED32) take(reader, 4);
    else throw new Error(`not an ExportLogsServiceResponse: wire type ${wireType}`);
  }
}

function readVarint(reader: { bytes: Uint8Array; at: number }): bigint {
  let value = 0n;
  for (let shift = 0n; shift < 70n; shift += 7n) {
    const byte = reader.bytes[reader.at++];
    if (byte === undefined) throw new Error('not an ExportLogsServiceResponse: truncated varint');
    value |= BigInt(byte & 0x7f) << shift;
    if (byte < 0x80) return value;
  }
  throw new Error('not an ExportLogsServiceResponse: varint too long');
}

function take(reader: { bytes: Uint8Array; at: number }, length: number): Uint8Array {
  if (reader.at + length > reader.bytes.length) throw new Error('not an ExportLogsServiceResponse: truncated field');
  const slice = reader.bytes.subarray(reader.at, reader.at + length);
  reader.at += length;
  return slice;
}

function tag(number: number, wireType: number): number {
  return (number << 3) | wireType;
}

function varint(value: bigint): number[] {
  const out: number[] = [];
  let rest = BigInt.asUintN(64, value);
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
  return out;
}
