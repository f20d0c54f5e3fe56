import { context, trace, TraceFlags, SeverityNumber, type Logger } from '@opentelemetry/api';
import { randomBytes } from 'node:crypto';

/** A small shop service's worth of logs: start-up, requests in a trace, a slow dependency, a failure. */
export function emitShopLogs(server: Logger, payments: Logger): void {
  server.emit({ severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: 'shop listening on :8080', attributes: { 'server.port': 8080 } });
  server.emit({ severityNumber: SeverityNumber.DEBUG, severityText: 'DEBUG', body: 'cache warmed: 1204 products' });
  server.emit({ severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: 'GET /healthz 200' });

  const request = trace.setSpanContext(context.active(), {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    traceFlags: TraceFlags.SAMPLED,
  });
  const http = { 'http.request.method': 'POST', 'url.path': '/checkout', 'user.id': 'u-1042' };
  server.emit({ severityNumber: SeverityNumber.INFO, severityText: 'INFO', body: 'checkout started', attributes: http, context: request });
  payments.emit({
    severityNumber: SeverityNumber.WARN,
    severityText: 'WARN',
    body: 'payment provider slow: 2300 ms',
    attributes: { ...http, 'peer.service': 'acme-pay' },
    context: request,
  });
  const declined = new Error('card declined', { cause: new Error('issuer said: insufficient funds') });
  payments.emit({
    severityNumber: SeverityNumber.ERROR,
    severityText: 'ERROR',
    body: 'payment failed',
    exception: declined,
    attributes: http,
    context: request,
  });
  server.emit({
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    body: 'POST /checkout 402',
    attributes: { ...http, 'http.response.status_code': 402 },
    context: request,
  });
  server.emit({ severityNumber: SeverityNumber.FATAL, severityText: 'FATAL', body: 'out of file descriptors: accept() failed' });
}
