import type { ValueFilter } from '@logweave/core';
import type { ProtoWriter } from './proto-writer.ts';
import { enter, leave, read } from './value-guard.ts';

// Tags of opentelemetry.proto.common.v1: (field number << 3) | wire type.
const STRING_VALUE = 0x0a;
const BOOL_VALUE = 0x10;
const INT_VALUE = 0x18;
const DOUBLE_VALUE = 0x21;
const ARRAY_VALUE = 0x2a;
const KVLIST_VALUE = 0x32;
const BYTES_VALUE = 0x3a;
/** ArrayValue.values and KeyValueList.values are both field 1, length-delimited. */
const VALUES = 0x0a;
const KEY = 0x0a;
const VALUE = 0x12;

const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63;

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Writes `attributes` as repeated KeyValue under field `tag`: own enumerable keys in for-in
 * order, every key written even when its value converts to an empty AnyValue. `filter`, when
 * given, rewrites each string (and byte array) of the values as it is written.
 */
export function writeAttributes(writer: ProtoWriter, attributes: object, tag: number, filter?: ValueFilter): void {
  const values = attributes as Record<string, unknown>;
  for (const key in values) {
    if (!hasOwn.call(values, key)) continue;
    writeKeyValue(writer, tag, key, read(values, key), filter);
  }
}

function writeKeyValue(writer: ProtoWriter, tag: number, key: string, value: unknown, filter: ValueFilter | undefined): void {
  writer.byte(tag);
  const keyValue = writer.reserve(1);
  writer.byte(KEY);
  writer.string(key);
  writer.byte(VALUE);
  const anyValue = writer.reserve(1);
  writeAnyValue(writer, value, filter, key);
  writer.finish(anyValue, 1);
  writer.finish(keyValue, 1);
}

/**
 * Writes the content of an AnyValue converted from a JavaScript value as the official
 * serializer converts it: integers in int64 range → intValue, other numbers → doubleValue,
 * Uint8Array → bytesValue, arrays → arrayValue, other objects → kvlistValue of their own
 * enumerable keys; null, undefined, bigint, symbol and functions → an empty AnyValue.
 * `filter` sees each string and byte array in this one read of it, with `key`, the nearest
 * attribute or map key.
 */
export function writeAnyValue(writer: ProtoWriter, value: unknown, filter?: ValueFilter, key?: string): void {
  switch (typeof value) {
    case 'string':
      writer.byte(STRING_VALUE);
      writer.string(filter === undefined ? value : filter.string(value, key));
      return;
    case 'boolean':
      writer.byte(BOOL_VALUE);
      writer.byte(value ? 1 : 0);
      return;
    case 'number':
      if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64) {
        writer.byte(INT_VALUE);
        writer.varint(value);
      } else {
        writer.byte(DOUBLE_VALUE);
        writer.double(value);
      }
      return;
    case 'object':
      if (value !== null) writeObject(writer, value, filter, key);
      return;
    default:
  }
}

function writeObject(writer: ProtoWriter, value: object, filter: ValueFilter | undefined, key: string | undefined): void {
  if (value instanceof Uint8Array) {
    writer.byte(BYTES_VALUE);
    writer.bytesField(filter?.bytes === undefined ? value : filter.bytes(value, key));
    return;
  }
  const placeholder = enter(value);
  if (placeholder !== undefined) {
    writer.byte(STRING_VALUE);
    writer.string(placeholder);
    return;
  }
  try {
    writeStructure(writer, value, filter, key);
  } finally {
    leave();
  }
}

function writeStructure(writer: ProtoWriter, value: object, filter: ValueFilter | undefined, key: string | undefined): void {
  if (Array.isArray(value)) {
    writer.byte(ARRAY_VALUE);
    const array = writer.reserve(1);
    for (let i = 0; i < value.length; i++) {
      writer.byte(VALUES);
      const item = writer.reserve(1);
      writeAnyValue(writer, read(value, i), filter, key);
      writer.finish(item, 1);
    }
    writer.finish(array, 1);
  } else {
    writer.byte(KVLIST_VALUE);
    const list = writer.reserve(1);
    writeAttributes(writer, value, VALUES, filter);
    writer.finish(list, 1);
  }
}
