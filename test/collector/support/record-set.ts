import { context, trace, TraceFlags, type Context } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type Sink } from '@logweave/core';
import type { ReceivedLogRecord } from '@logweave/testing';

/** The OTel AnyValue, as the SDK's Logger takes it (api-logs is not a dependency of the tests). */
type AnyValue = Parameters<ReturnType<LoggerProvider['getLogger']>['emit']>[0]['body'];

/** The attribute every record of the set carries, to find it among what arrived. */
export const RECORD_ID = 'test.record_id';

const traceA = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED };
const traceB = { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: TraceFlags.NONE };

const checkout = {
  schemaUrl: 'https://opentelemetry.io/schemas/1.37.0',
  resource: { 'service.name': 'checkout', 'service.version': '4.2.0', 'deployment.environment.name': 'prod', 'host.cpu.count': 8 },
  scopes: {
    http: { name: 'checkout.http', version: '1.4.0', attributes: { 'scope.kind': 'server' }, schemaUrl: 'https://opentelemetry.io/schemas/1.36.0' },
    db: { name: 'checkout.db', version: '', attributes: {} },
  },
};
const billing = {
  schemaUrl: undefined,
  resource: { 'service.name': 'billing', 'service.instance.id': 'b-7f3c', 'process.pid': 4711 },
  scopes: { jobs: { name: 'billing.jobs', version: '2.0.1', attributes: { tenant: 'acme', shards: [1, 2, 3] } } },
};

interface RecordSpec {
  id: string;
  app: typeof checkout | typeof billing;
  scope: { name: string; version: string; attributes: Record<string, unknown>; schemaUrl?: string };
  seconds: number;
  severityNumber: number;
  severityText: string;
  body?: AnyValue;
  attributes: Record<string, AnyValue>;
  span?: typeof traceA;
  eventName?: string;
  /** What the body decodes to when it differs from what was emitted. */
  receivedBody?: unknown;
  droppedAttributesCount?: number;
}

/** The SDK's attribute count limit for the set: the record with more attributes has some dropped. */
const ATTRIBUTE_COUNT_LIMIT = 8;

/**
 * A realistic record set: two services (resources), three scopes, bodies of every AnyValue kind
 * (string, bool, int, double, bytes, array, kvlist, nested, absent), attributes of every kind,
 * sampled and unsampled trace context, an event name, dropped attributes, nanosecond timestamps.
 */
const specs: RecordSpec[] = [
  { id: 'r01', app: checkout, scope: checkout.scopes.http, seconds: 1765100000, severityNumber: 9, severityText: 'INFO', body: 'GET /cart 200', attributes: { 'http.response.status_code': 200, 'url.path': '/cart' }, span: traceA },
  { id: 'r02', app: checkout, scope: checkout.scopes.http, seconds: 1765100001, severityNumber: 17, severityText: 'ERROR', body: { message: 'payment declined', retries: 2, ratio: 0.75, final: true, codes: ['E42', 'E7'], card: { brand: 'visa', last4: '4242', nested: { deeper: [1, [2, [3]], { x: null }] } } }, receivedBody: { message: 'payment declined', retries: 2, ratio: 0.75, final: true, codes: ['E42', 'E7'], card: { brand: 'visa', last4: '4242', nested: { deeper: [1, [2, [3]], { x: undefined }] } } }, attributes: { 'user.id': 'u-17', ok: false, ratio: 0.25, tags: ['a', 'b'], counts: [1, 2, 3], flags: [true, false] }, span: traceA },
  { id: 'r03', app: checkout, scope: checkout.scopes.db, seconds: 1765100002, severityNumber: 5, severityText: 'DEBUG', body: 42, attributes: { 'db.system.name': 'postgresql', 'db.operation.name': 'SELECT', big: 9007199254740991, negative: -12 }, span: traceB },
  { id: 'r04', app: checkout, scope: checkout.scopes.db, seconds: 1765100003, severityNumber: 13, severityText: 'WARN', body: 3.5, attributes: { 'retry.delay_ms': 12.5 } },
  { id: 'r05', app: checkout, scope: checkout.scopes.http, seconds: 1765100004, severityNumber: 21, severityText: 'FATAL', body: true, attributes: {} },
  { id: 'r06', app: checkout, scope: checkout.scopes.http, seconds: 1765100005, severityNumber: 1, severityText: 'TRACE', body: new Uint8Array([0, 1, 2, 127, 128, 254, 255]), attributes: { 'payload.raw': new Uint8Array([222, 173, 190, 239]) } },
  { id: 'r07', app: checkout, scope: checkout.scopes.http, seconds: 1765100006, severityNumber: 9, severityText: 'INFO', body: ['mixed', 1, 2.5, false, { k: 'v' }, ['inner']], attributes: { empty: '' } },
  { id: 'r08', app: checkout, scope: checkout.scopes.http, seconds: 1765100007, severityNumber: 9, severityText: 'INFO', attributes: { 'event.domain': 'browser', 'session.id': 's-1' }, eventName: 'checkout.completed', span: traceA },
  { id: 'r09', app: checkout, scope: checkout.scopes.db, seconds: 1765100008, severityNumber: 0, severityText: '', body: 'ünïcødé ✓ 日本語 \u0000 "quotes" \\ tab\t', attributes: { 'a.1': 1, 'a.2': 2, 'a.3': 3, 'a.4': 4, 'a.5': 5, 'a.6': 6, 'a.7': 7, 'a.8': 8, 'a.9': 9, 'a.10': 10 }, droppedAttributesCount: 3 },
  { id: 'r10', app: billing, scope: billing.scopes.jobs, seconds: 1765100009, severityNumber: 18, severityText: 'ERROR2', body: { job: 'invoice-run', invoices: 1200, failed: [{ id: 'inv-1', reason: 'timeout' }] }, attributes: { 'job.id': 'j-99' }, span: traceB },
  { id: 'r11', app: billing, scope: billing.scopes.jobs, seconds: 1765100010, severityNumber: 10, severityText: 'INFO2', body: {}, attributes: { nested: { a: { b: ['c'] } } } },
  { id: 'r12', app: billing, scope: billing.scopes.jobs, seconds: 1765100011, severityNumber: 9, severityText: 'INFO', body: [], attributes: { 'none.here': [] } },
];

/** Nanoseconds after the whole second that each record's timestamp carries (observed: + 1 ms). */
const NANOS = 123_456_789;

/** Emits the set through the SDK and a logweave pipeline per service into `sinkFor(service)`. */
export async function emitRecordSet(sinkFor: (service: string) => Sink): Promise<void> {
  for (const app of [checkout, billing]) {
    const provider = new LoggerProvider({
      resource: resourceFromAttributes(app.resource, app.schemaUrl === undefined ? {} : { schemaUrl: app.schemaUrl }),
      logRecordLimits: { attributeCountLimit: ATTRIBUTE_COUNT_LIMIT },
      processors: [pipeline({ sink: sinkFor(String(app.resource['service.name'])) })],
    });
    for (const spec of specs.filter((s) => s.app === app)) {
      const logger = provider.getLogger(spec.scope.name, spec.scope.version || undefined, {
        attributes: spec.scope.attributes as never,
        ...(spec.scope.schemaUrl === undefined ? {} : { schemaUrl: spec.scope.schemaUrl }),
      });
      logger.emit({
        timestamp: [spec.seconds, NANOS],
        observedTimestamp: [spec.seconds, NANOS + 1_000_000],
        severityNumber: spec.severityNumber,
        ...(spec.severityText === '' ? {} : { severityText: spec.severityText }),
        ...(spec.body === undefined ? {} : { body: spec.body }),
        ...(spec.eventName === undefined ? {} : { eventName: spec.eventName }),
        attributes: { [RECORD_ID]: spec.id, ...spec.attributes },
        context: spanContext(spec.span),
      });
    }
    await provider.shutdown();
  }
}

function spanContext(span: typeof traceA | undefined): Context {
  const root = context.active();
  return span === undefined ? root : trace.setSpanContext(root, span);
}

/** What each record of the set must look like where it arrives, field by field. */
export function expectedRecordSet(): ReceivedLogRecord[] {
  return specs.map((spec) => {
    const attributes = { [RECORD_ID]: spec.id, ...spec.attributes } as Record<string, unknown>;
    const kept = Object.fromEntries(Object.entries(attributes).slice(0, ATTRIBUTE_COUNT_LIMIT));
    return {
      resource: spec.app.resource,
      scope: { name: spec.scope.name, version: spec.scope.version, attributes: spec.scope.attributes },
      timeUnixNano: `${BigInt(spec.seconds) * 1_000_000_000n + BigInt(NANOS)}`,
      observedTimeUnixNano: `${BigInt(spec.seconds) * 1_000_000_000n + BigInt(NANOS + 1_000_000)}`,
      severityNumber: spec.severityNumber,
      severityText: spec.severityText,
      body: spec.receivedBody ?? spec.body,
      attributes: kept,
      droppedAttributesCount: spec.droppedAttributesCount ?? 0,
      flags: spec.span?.traceFlags ?? 0,
      traceId: spec.span?.traceId ?? '',
      spanId: spec.span?.spanId ?? '',
      eventName: spec.eventName ?? '',
    };
  });
}

export const RECORD_SET_SIZE = specs.length;

/** The records of the set among `received`, in the set's order; throws on a duplicate. */
export function pickRecordSet(received: readonly ReceivedLogRecord[]): ReceivedLogRecord[] {
  const byId = new Map<string, ReceivedLogRecord>();
  for (const record of received) {
    const id = String(record.attributes[RECORD_ID]);
    if (byId.has(id)) throw new Error(`record ${id} arrived twice`);
    byId.set(id, record);
  }
  return specs.map((spec) => byId.get(spec.id)).filter((r) => r !== undefined);
}

/** The resource and scope envelopes of the set, as they must arrive. */
export const expectedEnvelopes = [
  { service: 'billing', resourceSchemaUrl: '', resourceDroppedAttributesCount: 0, scope: 'billing.jobs', scopeSchemaUrl: '', scopeDroppedAttributesCount: 0 },
  { service: 'checkout', resourceSchemaUrl: checkout.schemaUrl, resourceDroppedAttributesCount: 0, scope: 'checkout.db', scopeSchemaUrl: '', scopeDroppedAttributesCount: 0 },
  { service: 'checkout', resourceSchemaUrl: checkout.schemaUrl, resourceDroppedAttributesCount: 0, scope: 'checkout.http', scopeSchemaUrl: checkout.scopes.http.schemaUrl, scopeDroppedAttributesCount: 0 },
];
