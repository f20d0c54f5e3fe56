/**
 * `snapshotRecord(record): EncodableRecord` — an owned copy of what an encoder reads of a log
 * record, made in ONE read of each value, so that it can be encoded later (or in another thread)
 * and still be what was emitted: a body mutated after `emit()`, a getter or a Proxy that answers
 * differently on a second read cannot change it. Take it at emit time to keep exactly what was
 * emitted (EncodeWorker and InThreadEncoder snapshot the records they are given anyway, when
 * `encode()` is called, so what their filter inspects is always what is written).
 *
 * The copy holds only what survives a structured clone: strings, numbers, booleans, null,
 * Uint8Array, arrays and plain objects. It is converted as the encoders convert: a value no
 * AnyValue holds (undefined inside a structure, bigint, symbol, function) becomes null, both an
 * empty AnyValue; a class instance, Date or Map becomes a plain object of its own enumerable
 * keys; a value that contains itself, nests too deep or whose getter throws becomes the same
 * placeholder string the encoders write. Encoding the snapshot writes the same bytes as encoding
 * the record at the moment of the snapshot.
 *
 * Resource and scope are not copied: the snapshot refers to the record's (the SDK sets them when
 * a provider and a logger are made and never changes them); a batch sends each once.
 */
import type { EncodableRecord } from '../encoding/encoder.ts';
import { enter, leave, read } from '../encoding/internal/value-guard.ts';

/** An owned copy of `record`'s exported fields, each read once (see the top of this file). */
export function snapshotRecord(record: EncodableRecord): EncodableRecord {
  const hrTime = record.hrTime;
  const hrTimeObserved = record.hrTimeObserved;
  const body = record.body;
  const spanContext = record.spanContext;
  const snapshot: EncodableRecord = {
    hrTime: [hrTime[0], hrTime[1]],
    hrTimeObserved: [hrTimeObserved[0], hrTimeObserved[1]],
    resource: record.resource,
    instrumentationScope: record.instrumentationScope,
    body: body === undefined ? undefined : copyValue(body),
    attributes: copyAttributes(record.attributes),
    droppedAttributesCount: record.droppedAttributesCount,
    severityNumber: record.severityNumber,
    severityText: record.severityText,
    eventName: record.eventName,
    ...(spanContext == null ? {} : { spanContext: { traceId: spanContext.traceId, spanId: spanContext.spanId, traceFlags: spanContext.traceFlags } }),
  };
  return snapshot;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** Own enumerable keys of `attributes` in for-in order, each value copied. */
export function copyAttributes(attributes: object | undefined): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  if (attributes == null) return copy;
  const values = attributes as Record<string, unknown>;
  for (const key in values) {
    if (hasOwn.call(values, key)) setOwn(copy, key, copyValue(read(values, key)));
  }
  return copy;
}

/** A value as the encoders would write it, copied in one read (see the top of this file). */
export function copyValue(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      return value === null ? null : copyObject(value);
    default:
      return null;
  }
}

function copyObject(value: object): unknown {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  const placeholder = enter(value);
  if (placeholder !== undefined) return placeholder;
  try {
    if (!Array.isArray(value)) return copyAttributes(value);
    const copy: unknown[] = [];
    for (let i = 0; i < value.length; i++) copy.push(copyValue(read(value, i)));
    return copy;
  } finally {
    leave();
  }
}

/** `copy[key] = value`, except that a `__proto__` key becomes an own property instead of setting the prototype. */
function setOwn(copy: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  else copy[key] = value;
}
