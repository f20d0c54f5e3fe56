/** Bytes assumed for a value whose size is not worth measuring (numbers, booleans, deep nesting). */
const SMALL = 8;
/** Fixed cost of a record's envelope: timestamps, severity, ids, field tags. */
const ENVELOPE = 64;

/**
 * A cheap estimate of a record's encoded size, used only to bound a queue's memory: strings by
 * length, structures walked two levels deep.
 */
export function estimateRecordBytes(record: { body?: unknown; attributes: Readonly<Record<string, unknown>> }): number {
  try {
    let size = ENVELOPE + estimateValue(record.body, 2);
    for (const key in record.attributes) size += key.length + estimateValue(record.attributes[key], 1);
    return size;
  } catch {
    // A body whose getter throws: the encoder deals with the value; the queue only needs a size.
    return UNREADABLE;
  }
}

/** Assumed for a record whose values cannot be read. */
const UNREADABLE = 4096;

function estimateValue(value: unknown, depth: number): number {
  if (typeof value === 'string') return value.length + 2;
  if (value === null || typeof value !== 'object') return SMALL;
  if (value instanceof Uint8Array) return value.byteLength + 2;
  if (depth === 0) return SMALL * 8;
  let size = 2;
  if (Array.isArray(value)) {
    for (const item of value) size += estimateValue(item, depth - 1);
    return size;
  }
  for (const key in value) size += key.length + estimateValue((value as Record<string, unknown>)[key], depth - 1);
  return size;
}
