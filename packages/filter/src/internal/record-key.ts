import type { LogRecordLike } from '@logweave/core';

/** Deeper values are cut: a key needs to tell records apart, not to serialise them. */
const MAX_DEPTH = 8;

/**
 * The default dedupe key: scope name, severity number, event name, body and attributes sorted by
 * name (minus `ignored`). Strings are JSON-quoted so that no value can forge a separator.
 */
export function defaultRecordKey(record: LogRecordLike, ignored: ReadonlySet<string>): string {
  let key = `${record.instrumentationScope.name}\u0000${record.severityNumber ?? 0}\u0000${record.eventName ?? ''}\u0000${valueKey(record.body, 0)}`;
  const attributes = record.attributes;
  const names = Object.keys(attributes);
  if (names.length > 1) names.sort();
  for (const name of names) {
    if (ignored.has(name)) continue;
    key += `\u0000${name}=${valueKey(attributes[name], 0)}`;
  }
  return key;
}

function valueKey(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) return '…';
      if (value instanceof Uint8Array) return `b:${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}`;
      if (Array.isArray(value)) return arrayKey(value, depth + 1);
      return objectKey(value as Record<string, unknown>, depth + 1);
    default:
      return String(value);
  }
}

function arrayKey(values: readonly unknown[], depth: number): string {
  let key = '[';
  for (let i = 0; i < values.length; i++) key += `${i === 0 ? '' : ','}${valueKey(values[i], depth)}`;
  return `${key}]`;
}

function objectKey(value: Record<string, unknown>, depth: number): string {
  const names = Object.keys(value).sort();
  let key = '{';
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    key += `${i === 0 ? '' : ','}${JSON.stringify(name)}:${valueKey(value[name], depth)}`;
  }
  return `${key}}`;
}
