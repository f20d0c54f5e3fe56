/** Bytes counted for a number, boolean, null or undefined: a protobuf scalar with its tag (≤ 9) and framing. */
const SCALAR = 8;
/**
 * A record's envelope: two timestamps (18), severity number and text (~9), its framing (~5), and
 * on average half of trace id, span id and flags (33). The least a record is estimated at.
 */
export const ENVELOPE_BYTES = 48;
/** Framing of a key-value pair beyond what its key and value count: the pair's tag and length, the key's. */
const PAIR = 4;
/** Levels below which a value is not read, as the encoders write `[nested too deep]` there. */
const MAX_DEPTH = 128;
/** Values read per record at most: a cycle or a huge structure costs a bounded walk. */
const MAX_VALUES = 10_000;
/** Charged for a record whose values cannot be read (a throwing getter). */
const UNREADABLE = 4096;

let valuesLeft = 0;

/**
 * The estimated encoded size of a record, which the queue's byte bounds count. Runs on the emit
 * path, so it reads lengths, never characters: a string of n UTF-16 units counts n bytes + 2 of
 * framing (exact for ASCII in protobuf; text outside ASCII encodes to up to 3 bytes per unit), a
 * byte array its length + 2, a scalar 8, a key its length + 4; each nested value is visited once,
 * up to 128 levels and 10,000 values per record (past those, the rest is not counted). For ASCII
 * records this lands within a few bytes per value of the protobuf encoding (see the README).
 */
export function estimateRecordBytes(record: { body?: unknown; attributes: Readonly<Record<string, unknown>> }): number {
  valuesLeft = MAX_VALUES;
  try {
    let size = ENVELOPE_BYTES + estimateValue(record.body, 0);
    const attributes = record.attributes;
    for (const key in attributes) size += key.length + PAIR + estimateValue(attributes[key], 1);
    return size;
  } catch {
    // A getter that throws: the encoder deals with the value; the queue only needs a size.
    return UNREADABLE;
  }
}

function estimateValue(value: unknown, depth: number): number {
  valuesLeft--;
  if (typeof value === 'string') return value.length + 2;
  if (value === null || typeof value !== 'object') return SCALAR;
  if (value instanceof Uint8Array) return value.byteLength + 2;
  if (depth >= MAX_DEPTH) return SCALAR;
  let size = 2;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && valuesLeft > 0; i++) size += estimateValue(value[i], depth + 1);
    return size;
  }
  for (const key in value) {
    if (valuesLeft <= 0) break;
    size += key.length + PAIR + estimateValue((value as Record<string, unknown>)[key], depth + 1);
  }
  return size;
}
