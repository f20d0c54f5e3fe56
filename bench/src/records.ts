import { ROOT_CONTEXT, trace, TraceFlags, type Context } from '@opentelemetry/api';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';

/** What `logger.emit()` takes, as the bench builds it (the OTel Logs API's LogRecord). */
export interface EmitArgs {
  severityText: string;
  body: string;
  attributes: Record<string, string | number | boolean>;
  context?: Context;
}

/** Severity texts as they arrive from mixed sources (pino, winston, syslog, .NET, Python): mostly INFO. */
const SEVERITY_TEXTS = [
  'info', 'INFO', 'Information', 'info', 'INFO', 'info', 'notice', 'INFO', 'info', 'Info',
  'debug', 'DEBUG', 'dbug', 'warn', 'WARNING', 'Warning', 'error', 'ERR', 'Error', 'critical',
];

const METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const ROUTES = ['/api/v1/orders/:id', '/api/v1/cart', '/api/v1/users/:id/profile', '/api/v1/payments', '/api/v1/search'];

/** The resource of every bench provider: a service as a real deployment describes it. */
export function benchResource(): Resource {
  return resourceFromAttributes({
    'service.name': 'checkout',
    'service.version': '4.2.0',
    'service.instance.id': '6f1c2a9e-3b7d-4e0a-9c55-1f0d2b8e7a41',
    'host.name': 'ip-10-0-12-34.eu-west-1.compute.internal',
    'deployment.environment.name': 'production',
  });
}

/** Bodies of about 80 characters; one in five holds an email address that redaction must mask. */
function body(i: number, method: string, route: string, status: number): string {
  switch (i % 5) {
    case 0: return `${method} ${route.replace(':id', String(10_000 + i))} answered ${status} in ${(i % 250) + 3} ms for user u-${i * 7}`;
    case 1: return `password reset link sent to jane.doe+${i % 1000}@example.com for account a-${i} by support`;
    case 2: return `payment authorised for order o-${i}: amount ${(i % 900) + 10}.90 EUR, card ending 4242, 3DS ok`;
    case 3: return `cache miss for key product:${i}:details, fetched from postgres in ${i % 40} ms, size 2 KB`;
    default: return `retrying call to inventory-service (attempt ${(i % 4) + 1} of 5) after ECONNRESET on pool p-3`;
  }
}

/**
 * The sixth attribute: an email (one record in four), a bearer token under a deny-listed key
 * (one in four), otherwise a session id.
 */
function sixthAttribute(i: number): [string, string] {
  switch (i % 4) {
    case 0: return ['user.email', `jane.doe+${i % 1000}@example.com`];
    case 1: return ['http.request.header.authorization', `Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1LSR7aX0ifQ.${(i * 2654435761 >>> 0).toString(36)}sig`];
    default: return ['session.id', `s-${(i * 40503 >>> 0).toString(16).padStart(8, '0')}`];
  }
}

/** The span context of record `i`: records with an even index carry one, the others none. */
function traceContext(i: number): Context | undefined {
  if (i % 2 !== 0) return undefined;
  const traceId = (0x5b8efff798038103n * BigInt(i + 1)).toString(16).padStart(32, '0').slice(-32);
  const spanId = (0xeee19b7ec3c1b174n + BigInt(i)).toString(16).padStart(16, '0').slice(-16);
  return trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED });
}

/**
 * `count` distinct arguments of `logger.emit()` as a web service writes them: a severity as text
 * only (no SeverityNumber: the severity stage has to map it), a body of about 80 characters,
 * 6 attributes (some with an email or a bearer token to redact), a trace context on half.
 */
export function realisticEmitArgs(count: number): EmitArgs[] {
  const all: EmitArgs[] = [];
  for (let i = 0; i < count; i++) {
    const method = METHODS[i % METHODS.length]!;
    const route = ROUTES[i % ROUTES.length]!;
    const status = i % 17 === 0 ? 503 : 200;
    const [sixthKey, sixthValue] = sixthAttribute(i);
    const args: EmitArgs = {
      severityText: SEVERITY_TEXTS[i % SEVERITY_TEXTS.length]!,
      body: body(i, method, route, status),
      attributes: {
        'http.request.method': method,
        'http.route': route,
        'http.response.status_code': status,
        'user.id': `u-${i * 7}`,
        'server.duration_ms': ((i % 250) + 3) / 1.7,
        [sixthKey]: sixthValue,
      },
    };
    const context = traceContext(i);
    if (context !== undefined) args.context = context;
    all.push(args);
  }
  return all;
}
