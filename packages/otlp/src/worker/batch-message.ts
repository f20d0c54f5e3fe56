/**
 * `batchMessage(records): BatchMessage` — one batch as it crosses to the encode worker, built on
 * the caller's thread in one read of each record. Each distinct resource and scope is sent once,
 * in tables the records index; the records go as columns (a Float64Array of their numbers, an
 * array of their strings), which cost about half as much to clone as one object per record, and
 * their bodies and attributes as the bytes of one `v8.serialize`: that serialization IS the
 * snapshot (one read of each value, getters included; nothing is read again later), with no
 * copy made first. The structured clone keeps what the encoders tell apart (a Date or a Map is
 * still one, a cycle is still a cycle, so the worker writes the same placeholders); when a batch
 * holds what it cannot clone (a function, a symbol, a Proxy, a WeakMap), the batch is copied
 * first as snapshotRecord copies (a getter whose first read went into the failed attempt is
 * then read a second time: what is written is still what the worker's filter inspects).
 * `messageRecords(message)` turns it back into records an encoder groups and writes exactly as
 * it would the originals (one object per resource and per scope, in order of first appearance).
 */
import { deserialize, serialize } from 'node:v8';
import type { EncodableRecord } from '../encoding/encoder.ts';
import { copyAttributes, copyValue } from './snapshot.ts';

export interface ResourceData {
  attributes: Record<string, unknown>;
  schemaUrl?: string;
}

export interface ScopeData {
  name: string;
  version?: string;
  schemaUrl?: string;
  attributes?: Record<string, unknown>;
  droppedAttributesCount?: number;
}

export interface BatchMessage {
  resources: ResourceData[];
  scopes: ScopeData[];
  /** Per record, NUMBERS: times, severity number (NaN: none), dropped count, trace flags (NaN: no span), resource and scope index. */
  numbers: Float64Array;
  /** Per record, STRINGS: severity text, event name, trace id, span id. */
  strings: Array<string | undefined>;
  /** `v8.serialize` of [body, attributes] of every record. */
  values: Uint8Array;
}

const NUMBERS = 9;
const STRINGS = 4;
const VALUES = 2;

/** Builds the message for `records` (SDK records or snapshots), reading each value once. */
export function batchMessage(records: readonly EncodableRecord[]): BatchMessage {
  const resourceIds = new Map<object, number>();
  const scopeIds = new Map<object, number>();
  const resources: ResourceData[] = [];
  const scopes: ScopeData[] = [];
  const numbers = new Float64Array(records.length * NUMBERS);
  const strings: Array<string | undefined> = [];
  const values: unknown[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const resource = record.resource;
    let resourceId = resourceIds.get(resource);
    if (resourceId === undefined) {
      resourceId = resources.push(resourceData(resource)) - 1;
      resourceIds.set(resource, resourceId);
    }
    const scope = record.instrumentationScope;
    let scopeId = scopeIds.get(scope);
    if (scopeId === undefined) {
      scopeId = scopes.push(scopeData(scope)) - 1;
      scopeIds.set(scope, scopeId);
    }
    const hrTime = record.hrTime;
    const hrTimeObserved = record.hrTimeObserved;
    const severityNumber = record.severityNumber;
    const spanContext = record.spanContext;
    const at = i * NUMBERS;
    numbers[at] = hrTime[0];
    numbers[at + 1] = hrTime[1];
    numbers[at + 2] = hrTimeObserved[0];
    numbers[at + 3] = hrTimeObserved[1];
    numbers[at + 4] = typeof severityNumber === 'number' ? severityNumber : Number.NaN;
    numbers[at + 5] = record.droppedAttributesCount;
    numbers[at + 6] = spanContext == null ? Number.NaN : spanContext.traceFlags;
    numbers[at + 7] = resourceId;
    numbers[at + 8] = scopeId;
    strings.push(stringOrUndefined(record.severityText), stringOrUndefined(record.eventName), spanContext?.traceId, spanContext?.spanId);
    values.push(record.body, record.attributes);
  }
  return { resources, scopes, numbers, strings, values: serializeValues(values) };
}

function serializeValues(values: unknown[]): Uint8Array {
  try {
    return serialize(values);
  } catch {
    for (let i = 0; i < values.length; i += VALUES) {
      values[i] = values[i] === undefined ? undefined : copyValue(values[i]);
      values[i + 1] = copyAttributes(values[i + 1] as object | undefined);
    }
    return serialize(values);
  }
}

/** The message's records, with their resource and scope objects, ready to encode. */
export function messageRecords(message: BatchMessage): EncodableRecord[] {
  const { numbers, strings, resources, scopes } = message;
  const values = deserialize(message.values) as unknown[];
  const records: EncodableRecord[] = [];
  for (let i = 0; i < numbers.length / NUMBERS; i++) {
    const at = i * NUMBERS;
    const s = i * STRINGS;
    const severityNumber = numbers[at + 4]!;
    const traceFlags = numbers[at + 6]!;
    records.push({
      hrTime: [numbers[at]!, numbers[at + 1]!],
      hrTimeObserved: [numbers[at + 2]!, numbers[at + 3]!],
      severityNumber: Number.isNaN(severityNumber) ? undefined : severityNumber,
      droppedAttributesCount: numbers[at + 5]!,
      resource: resources[numbers[at + 7]!]!,
      instrumentationScope: scopes[numbers[at + 8]!]!,
      severityText: strings[s],
      eventName: strings[s + 1],
      body: values[i * VALUES],
      attributes: values[i * VALUES + 1] as Record<string, unknown>,
      ...(Number.isNaN(traceFlags) ? {} : { spanContext: { traceFlags, traceId: strings[s + 2] as string, spanId: strings[s + 3] as string } }),
    });
  }
  return records;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function resourceData(resource: EncodableRecord['resource'] & { schemaUrl?: unknown }): ResourceData {
  const data: ResourceData = { attributes: copyAttributes(resource.attributes) };
  const schemaUrl = resource.schemaUrl;
  if (typeof schemaUrl === 'string') data.schemaUrl = schemaUrl;
  return data;
}

function scopeData(sdkScope: EncodableRecord['instrumentationScope']): ScopeData {
  // The SDK's scope may carry attributes (LoggerProvider#getLogger options) beyond the API type.
  const scope = sdkScope as typeof sdkScope & { attributes?: object; droppedAttributesCount?: unknown };
  const data: ScopeData = { name: scope.name };
  if (typeof scope.version === 'string') data.version = scope.version;
  if (typeof scope.schemaUrl === 'string') data.schemaUrl = scope.schemaUrl;
  if (scope.attributes != null) data.attributes = copyAttributes(scope.attributes);
  if (typeof scope.droppedAttributesCount === 'number') data.droppedAttributesCount = scope.droppedAttributesCount;
  return data;
}
