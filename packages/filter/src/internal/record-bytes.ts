import type { LogRecordLike } from '@logweave/core';

/** Timestamps, severity, trace context, references to resource and scope: what every record costs. */
const RECORD_OVERHEAD_BYTES = 128;
/** Nested values past this depth are counted as one small value: an estimate, not a serialisation. */
const MAX_DEPTH = 4;

/**
 * An estimate of what a held record costs: UTF-16 string lengths (one byte a character), 8 bytes a
 * number, the byte length of binary values, plus a fixed overhead. Cheap: no serialisation.
 */
export function estimateRecordBytes(record: LogRecordLike): number {
  let bytes = RECORD_OVERHEAD_BYTES + valueBytes(record.body, 0);
  const attributes = record.attributes;
  for (const name in attributes) bytes += name.length + valueBytes(attributes[name], 0);
  return bytes;
}

function valueBytes(value: unknown, depth: number): number {
  switch (typeof value) {
    case 'string':
      return value.length;
    case 'object':
      if (value === null) return 1;
      if (depth >= MAX_DEPTH) return 8;
      if (value instanceof Uint8Array) return value.byteLength;
      if (Array.isArray(value)) return arrayBytes(value, depth + 1);
      return objectBytes(value as Record<string, unknown>, depth + 1);
    case 'undefined':
      return 0;
    default:
      return 8;
  }
}

function arrayBytes(values: readonly unknown[], depth: number): number {
  let bytes = 8;
  for (let i = 0; i < values.length; i++) bytes += valueBytes(values[i], depth);
  return bytes;
}

function objectBytes(value: Record<string, unknown>, depth: number): number {
  let bytes = 8;
  for (const name in value) bytes += name.length + valueBytes(value[name], depth);
  return bytes;
}
