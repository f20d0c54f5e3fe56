import { context, trace, TraceFlags, type Logger } from '@opentelemetry/api';

/** 2024-05-01T10:00:00Z, and one millisecond more per record: the same times on every run. */
const T0 = Date.UTC(2024, 4, 1, 10, 0, 0);

/** Trace ids whose last 56 bits fall on either side of a 0.5 sampling ratio. */
const KEPT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SAMPLED_OUT_TRACE = '0af7651916cd43dd8448eb211c80319c';

function inTrace(traceId: string) {
  return trace.setSpanContext(context.active(), { traceId, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });
}

/** The same records, in the same order, whatever the SDK line; the comment says what becomes of each. */
export function emitRecords(http: Logger, db: Logger): void {
  let t = T0;
  const at = () => new Date(t++);
  // JSON body → parsed: body, severity and attributes from its fields.
  http.emit({ timestamp: at(), body: '{"level":"warn","msg":"payment slow","tenant.id":"acme","duration_ms":2300}' });
  // logfmt → parsed; classified security → the security collector; the address redacted.
  http.emit({ timestamp: at(), body: 'level=error msg="login failed for bob@example.com" tenant.id=acme' });
  // Dropped by drop(url.path = /healthz).
  http.emit({ timestamp: at(), severityText: 'info', body: 'GET /healthz 200', attributes: { 'url.path': '/healthz' } });
  // Dropped by minSeverity (shop.db needs WARN); the next one passes, 'warning' read as WARN.
  db.emit({ timestamp: at(), severityText: 'INFO', body: 'query ok' });
  db.emit({ timestamp: at(), severityText: 'warning', body: 'slow query: 1200 ms', attributes: { 'db.system': 'postgresql' } });
  // A structured body kept as it is; 'Information' (.NET) read as INFO.
  http.emit({ timestamp: at(), severityText: 'Information', body: { message: 'order placed', items: [{ sku: 'SKU-42', qty: 2 }] }, attributes: { 'tenant.id': 'globex' } });
  http.emit({ timestamp: at(), severityText: 'INFO', body: 'invoice sent', attributes: { 'tenant.id': 'globex' } });
  // Over globex's two records: suppressed, then counted in a summary record.
  http.emit({ timestamp: at(), severityText: 'INFO', body: 'third globex record', attributes: { 'tenant.id': 'globex' } });
  // Twice the same record: one goes out at shutdown with a count of 2; the card number redacted.
  http.emit({ timestamp: at(), severityText: 'notice', body: 'order placed', attributes: { 'tenant.id': 'initech', card: '4111 1111 1111 1111' } });
  http.emit({ timestamp: at(), severityText: 'notice', body: 'order placed', attributes: { 'tenant.id': 'initech', card: '4111 1111 1111 1111' } });
  // Dropped by minSeverity (INFO).
  http.emit({ timestamp: at(), severityText: 'DEBUG', body: 'cache miss' });
  // Sampling: a trace kept at 0.5, a trace dropped at 0.5, and an ERROR in that trace, kept all the same.
  http.emit({ timestamp: at(), severityText: 'INFO', body: 'checkout in a kept trace', context: inTrace(KEPT_TRACE), eventName: 'checkout.started' });
  http.emit({ timestamp: at(), severityText: 'INFO', body: 'checkout in a dropped trace', context: inTrace(SAMPLED_OUT_TRACE) });
  http.emit({ timestamp: at(), severityText: 'ERROR', body: 'payment failed', exception: new Error('card declined'), context: inTrace(SAMPLED_OUT_TRACE) });
}
