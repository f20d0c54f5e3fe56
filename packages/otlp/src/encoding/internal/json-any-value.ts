import type { ValueFilter } from '@logweave/core';
import { literal, type JsonWriter } from './json-writer.ts';
import { enter, leave, read } from './value-guard.ts';

const MIN_INT64 = -(2 ** 63);
const MAX_INT64 = 2 ** 63;

const STRING_VALUE = literal('{"stringValue":');
const TRUE_VALUE = literal('{"boolValue":true}');
const FALSE_VALUE = literal('{"boolValue":false}');
const INT_VALUE = literal('{"intValue":"');
const DOUBLE_VALUE = literal('{"doubleValue":');
const BYTES_VALUE = literal('{"bytesValue":"');
const ARRAY_VALUE = literal('{"arrayValue":{"values":[');
const KVLIST_VALUE = literal('{"kvlistValue":{"values":[');
const EMPTY_VALUE = literal('{}');
const QUOTE_END = literal('"}');
const LIST_END = literal(']}}');

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * Writes attributes as the elements of a JSON array of KeyValue: own enumerable keys, in
 * Object.keys order (for-in filtered by hasOwnProperty gives the same keys without an array).
 * `filter`, when given, rewrites each string (and byte array) of the values as it is written.
 */
export function writeKeyValues(writer: JsonWriter, attributes: object, filter?: ValueFilter): void {
  const values = attributes as Record<string, unknown>;
  let first = true;
  for (const key in values) {
    if (!hasOwn.call(values, key)) continue;
    if (first) first = false;
    else writer.byte(44);
    writer.keyPrefix(key);
    writeAnyValue(writer, read(values, key), filter, key);
    writer.byte(125);
  }
}

/**
 * Writes a JavaScript value as an OTLP/JSON AnyValue, converted as the official serializer
 * converts it, with two corrections where its JSON loses the value or is not valid OTLP/JSON:
 * integers are decimal strings (int64 in OTLP/JSON) and only those in int64 range are
 * intValue (others are doubleValue, as the official protobuf writes them); NaN and ±Infinity
 * are the strings "NaN", "Infinity", "-Infinity" (JSON.stringify would write null).
 * `filter` sees each string and byte array in this one read of it, with `key`, the nearest
 * attribute or map key.
 */
export function writeAnyValue(writer: JsonWriter, value: unknown, filter?: ValueFilter, key?: string): void {
  switch (typeof value) {
    case 'string':
      writer.raw(STRING_VALUE);
      writer.string(filter === undefined ? value : filter.string(value, key));
      writer.byte(125);
      return;
    case 'boolean':
      writer.raw(value ? TRUE_VALUE : FALSE_VALUE);
      return;
    case 'number':
      writeNumberValue(writer, value);
      return;
    case 'object':
      if (value === null) writer.raw(EMPTY_VALUE);
      else writeObject(writer, value, filter, key);
      return;
    default:
      writer.raw(EMPTY_VALUE);
  }
}

function writeNumberValue(writer: JsonWriter, value: number): void {
  if (Number.isSafeInteger(value)) {
    writer.raw(INT_VALUE);
    writer.integer(value);
    writer.raw(QUOTE_END);
  } else if (Number.isInteger(value) && value >= MIN_INT64 && value < MAX_INT64) {
    writer.raw(INT_VALUE);
    writer.ascii(BigInt(value).toString());
    writer.raw(QUOTE_END);
  } else if (Number.isFinite(value)) {
    writer.raw(DOUBLE_VALUE);
    writer.ascii(String(value));
    writer.byte(125);
  } else {
    writer.raw(DOUBLE_VALUE);
    writer.ascii('"' + String(value) + '"}');
  }
}

function writeObject(writer: JsonWriter, value: object, filter: ValueFilter | undefined, key: string | undefined): void {
  if (value instanceof Uint8Array) {
    const bytes = filter?.bytes === undefined ? value : filter.bytes(value, key);
    writer.raw(BYTES_VALUE);
    writer.ascii(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'));
    writer.raw(QUOTE_END);
    return;
  }
  const placeholder = enter(value);
  if (placeholder !== undefined) {
    writer.raw(STRING_VALUE);
    writer.string(placeholder);
    writer.byte(125);
    return;
  }
  try {
    writeStructure(writer, value, filter, key);
  } finally {
    leave();
  }
}

function writeStructure(writer: JsonWriter, value: object, filter: ValueFilter | undefined, key: string | undefined): void {
  if (Array.isArray(value)) {
    writer.raw(ARRAY_VALUE);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) writer.byte(44);
      writeAnyValue(writer, read(value, i), filter, key);
    }
    writer.raw(LIST_END);
  } else {
    writer.raw(KVLIST_VALUE);
    writeKeyValues(writer, value, filter);
    writer.raw(LIST_END);
  }
}
