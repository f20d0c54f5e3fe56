import type { TlsEnv } from '../transport/tls.ts';

/** What the OTEL_EXPORTER_OTLP_LOGS_* / OTEL_EXPORTER_OTLP_* variables say; the logs-specific one wins. */
export interface OtlpEnv {
  /** OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: the full URL, used as is. */
  logsEndpoint?: string;
  /** OTEL_EXPORTER_OTLP_ENDPOINT: a base URL that gets `/v1/logs`. */
  endpoint?: string;
  protocol?: string;
  headers: Record<string, string>;
  /** gzip | none as the spec says, and zstd, which the Collector also accepts; checked where it is resolved. */
  compression?: string;
  timeoutMillis?: number;
  /** The PEM files of _CERTIFICATE, _CLIENT_CERTIFICATE and _CLIENT_KEY. */
  tls: TlsEnv;
  /** _INSECURE: plaintext for a gRPC endpoint given without a scheme. */
  insecure: boolean;
}

const TLS_VARIABLES = { ca: 'CERTIFICATE', cert: 'CLIENT_CERTIFICATE', key: 'CLIENT_KEY' } as const;

export function readOtlpEnv(env: NodeJS.ProcessEnv): OtlpEnv {
  const read = (name: string) => nonEmpty(env[`OTEL_EXPORTER_OTLP_LOGS_${name}`]) ?? nonEmpty(env[`OTEL_EXPORTER_OTLP_${name}`]);
  const result: OtlpEnv = {
    headers: { ...parseHeaders(env['OTEL_EXPORTER_OTLP_HEADERS']), ...parseHeaders(env['OTEL_EXPORTER_OTLP_LOGS_HEADERS']) },
    tls: readTlsEnv(env),
    insecure: read('INSECURE')?.toLowerCase() === 'true',
  };
  const logsEndpoint = nonEmpty(env['OTEL_EXPORTER_OTLP_LOGS_ENDPOINT']);
  if (logsEndpoint !== undefined) result.logsEndpoint = logsEndpoint;
  const endpoint = nonEmpty(env['OTEL_EXPORTER_OTLP_ENDPOINT']);
  if (endpoint !== undefined) result.endpoint = endpoint;
  const protocol = read('PROTOCOL');
  if (protocol !== undefined) result.protocol = protocol;
  const compression = read('COMPRESSION');
  if (compression !== undefined) result.compression = compression;
  const timeout = Number(read('TIMEOUT'));
  if (Number.isFinite(timeout) && timeout > 0) result.timeoutMillis = timeout;
  return result;
}

function readTlsEnv(env: NodeJS.ProcessEnv): TlsEnv {
  const tls: TlsEnv = {};
  for (const [field, suffix] of Object.entries(TLS_VARIABLES) as [keyof TlsEnv, string][]) {
    for (const variable of [`OTEL_EXPORTER_OTLP_LOGS_${suffix}`, `OTEL_EXPORTER_OTLP_${suffix}`]) {
      const path = nonEmpty(env[variable]);
      if (path === undefined) continue;
      tls[field] = { path, variable };
      break;
    }
  }
  return tls;
}

/** `key1=value1,key2=value2`, values URL-encoded (W3C Baggage style, as the OTLP exporter spec says). */
function parseHeaders(raw: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const pair of (raw ?? '').split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const key = pair.slice(0, at).trim();
    try {
      headers[key] = decodeURIComponent(pair.slice(at + 1).trim());
    } catch {
      headers[key] = pair.slice(at + 1).trim();
    }
  }
  return headers;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
