import { context, trace, TraceFlags, type Logger } from '@opentelemetry/api';
import { withLogContext, type CapturingLogger } from '@logweave/enrich';
import { randomBytes } from 'node:crypto';

/**
 * A small shop service's worth of logs, as real code writes them: severities as text in several
 * dialects (or only in the body), a request whose records share a context, a slow dependency,
 * a failure with its cause, and secrets that must not leave the process.
 */
export async function emitShopLogs(server: Logger, payments: CapturingLogger<Logger>): Promise<void> {
  server.emit({ severityText: 'info', body: 'shop listening on :8080', attributes: { 'server.port': 8080 } });
  server.emit({ severityText: 'debug', body: 'cache warmed: 1204 products' });
  server.emit({ severityText: 'INFO', body: 'GET /healthz 200' });
  server.emit({ body: 'WARNING: config file /etc/shop.yaml is world-readable' });

  const request = trace.setSpanContext(context.active(), {
    traceId: randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    traceFlags: TraceFlags.SAMPLED,
  });
  await withLogContext({ 'user.id': 'u-1042', 'http.request.header.x-request-id': ['req-7f3a'] }, async () => {
    const http = { 'http.request.method': 'POST', 'url.path': '/checkout' };
    server.emit({ severityText: 'INFO', body: 'checkout started for jane.doe@example.com', attributes: http, context: request });
    await new Promise((resolve) => setTimeout(resolve, 5));
    payments.emit({
      severityText: 'warning',
      body: 'payment provider slow: 2300 ms',
      attributes: { ...http, 'peer.service': 'acme-pay', authorization: 'Bearer sk_live_51HxQz8L2eZvKYlo2C0a1b2c3' },
      context: request,
    });
    const declined = new Error('card declined', { cause: new Error('issuer said: insufficient funds') });
    payments.emit({ severityText: 'ERR', body: 'payment failed', exception: declined, attributes: http, context: request });
    server.emit({ severityText: 'INFO', body: 'POST /checkout 402', attributes: { ...http, 'http.response.status_code': 402 }, context: request });
  });
  server.emit({ severityText: 'crit', body: 'out of file descriptors: accept() failed' });
}
