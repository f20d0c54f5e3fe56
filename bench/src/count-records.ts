/**
 * Counts the log records of an OTLP ExportLogsServiceRequest in protobuf without decoding them:
 * it walks the wire format down resource_logs (field 1) → scope_logs (field 2) → log_records
 * (field 2) and skips everything else. Exact for any well-formed request, and cheap enough that
 * the receiver never becomes the bottleneck of an end-to-end run.
 */
export function countProtobufRecords(bytes: Uint8Array): number {
  let count = 0;
  forEachField(bytes, 0, bytes.length, 1, (resourceStart, resourceEnd) => {
    forEachField(bytes, resourceStart, resourceEnd, 2, (scopeStart, scopeEnd) => {
      forEachField(bytes, scopeStart, scopeEnd, 2, () => void count++);
    });
  });
  return count;
}

/** Calls `visit` with the bounds of every length-delimited field `wanted` in [start, end). */
function forEachField(bytes: Uint8Array, start: number, end: number, wanted: number, visit: (start: number, end: number) => void): void {
  const cursor = { at: start };
  while (cursor.at < end) {
    const key = readVarint(bytes, cursor);
    const field = Math.floor(key / 8);
    switch (key & 7) {
      case 0: readVarint(bytes, cursor); break;
      case 1: cursor.at += 8; break;
      case 5: cursor.at += 4; break;
      case 2: {
        const length = readVarint(bytes, cursor);
        const fieldStart = cursor.at;
        cursor.at += length;
        if (cursor.at > end) throw new RangeError('countProtobufRecords: truncated field');
        if (field === wanted) visit(fieldStart, cursor.at);
        break;
      }
      default: throw new RangeError(`countProtobufRecords: unsupported wire type ${key & 7}`);
    }
  }
  if (cursor.at !== end) throw new RangeError('countProtobufRecords: truncated message');
}

function readVarint(bytes: Uint8Array, cursor: { at: number }): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (cursor.at >= bytes.length) throw new RangeError('countProtobufRecords: truncated varint');
    const byte = bytes[cursor.at++]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return value;
    scale *= 128;
  }
}
