/** One log record as a test receiver decoded it, flattened for assertions. */
export interface ReceivedLogRecord {
  /** Resource attributes, as plain values. */
  resource: Record<string, unknown>;
  scope: { name: string; version: string; attributes: Record<string, unknown> };
  /** Nanoseconds since the epoch, as a decimal string (int64). */
  timeUnixNano: string;
  observedTimeUnixNano: string;
  severityNumber: number;
  severityText: string;
  body: unknown;
  attributes: Record<string, unknown>;
  droppedAttributesCount: number;
  flags: number;
  /** Lower-case hex, or '' when the record carries no trace context. */
  traceId: string;
  spanId: string;
  eventName: string;
}

type Decoded = Record<string, unknown>;

/** Turns a decoded ExportLogsServiceRequest (protobufjs `toObject`) into flat records. */
export function flattenRequest(request: Decoded): ReceivedLogRecord[] {
  const out: ReceivedLogRecord[] = [];
  for (const resourceLogs of list(request['resourceLogs'])) {
    const resource = keyValues((resourceLogs['resource'] as Decoded | null)?.['attributes']);
    for (const scopeLogs of list(resourceLogs['scopeLogs'])) {
      const s = (scopeLogs['scope'] ?? {}) as Decoded;
      const scope = { name: String(s['name'] ?? ''), version: String(s['version'] ?? ''), attributes: keyValues(s['attributes']) };
      for (const r of list(scopeLogs['logRecords'])) out.push(flattenRecord(r, resource, scope));
    }
  }
  return out;
}

function flattenRecord(r: Decoded, resource: Record<string, unknown>, scope: ReceivedLogRecord['scope']): ReceivedLogRecord {
  return {
    resource,
    scope,
    timeUnixNano: String(r['timeUnixNano']),
    observedTimeUnixNano: String(r['observedTimeUnixNano']),
    severityNumber: Number(r['severityNumber']),
    severityText: String(r['severityText']),
    body: r['body'] == null ? undefined : anyValue(r['body'] as Decoded),
    attributes: keyValues(r['attributes']),
    droppedAttributesCount: Number(r['droppedAttributesCount']),
    flags: Number(r['flags']),
    traceId: base64ToHex(r['traceId']),
    spanId: base64ToHex(r['spanId']),
    eventName: String(r['eventName'] ?? ''),
  };
}

/** An AnyValue as plain JavaScript: int64 as number when safe, else bigint; bytes as Uint8Array. */
export function anyValue(value: Decoded): unknown {
  switch (value['value']) {
    case 'stringValue': return value['stringValue'];
    case 'boolValue': return value['boolValue'];
    case 'doubleValue': return value['doubleValue'];
    case 'intValue': {
      const n = BigInt(value['intValue'] as string);
      return Number.isSafeInteger(Number(n)) ? Number(n) : n;
    }
    case 'bytesValue': return new Uint8Array(Buffer.from(value['bytesValue'] as string, 'base64'));
    case 'arrayValue': return list((value['arrayValue'] as Decoded)['values']).map(anyValue);
    case 'kvlistValue': return keyValues((value['kvlistValue'] as Decoded)['values']);
    default: return undefined;
  }
}

function keyValues(kvs: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list(kvs)) {
    const value = kv['value'] == null ? undefined : anyValue(kv['value'] as Decoded);
    // Defined, not assigned: a `__proto__` key is data here and must not become the prototype.
    Object.defineProperty(out, String(kv['key']), { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function list(value: unknown): Decoded[] {
  return Array.isArray(value) ? (value as Decoded[]) : [];
}

function base64ToHex(value: unknown): string {
  return typeof value === 'string' ? Buffer.from(value, 'base64').toString('hex') : '';
}
