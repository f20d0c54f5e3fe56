export type OtlpProtocol = 'http/protobuf' | 'http/json';

export interface OtlpSinkOptions {
  /**
   * The collector: a base URL (`/v1/logs` is appended, as for OTEL_EXPORTER_OTLP_ENDPOINT) or the
   * full logs URL ending in `/v1/logs`.
   * @default OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT + '/v1/logs', else 'http://localhost:4318/v1/logs'
   */
  endpoint?: string;
  /** @default OTEL_EXPORTER_OTLP_LOGS_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL, else 'http/protobuf' */
  protocol?: OtlpProtocol;
  /** Sent with every request (e.g. an API key), merged over OTEL_EXPORTER_OTLP_(LOGS_)HEADERS. */
  headers?: Record<string, string>;
  /** @default OTEL_EXPORTER_OTLP_(LOGS_)COMPRESSION, else 'none' */
  compression?: 'gzip' | 'none';
  /** Per-request timeout. @default OTEL_EXPORTER_OTLP_(LOGS_)TIMEOUT, else 10000 */
  timeoutMillis?: number;
  /** Records held before export; when full, new records are dropped. @default 2048 */
  maxQueueSize?: number;
  /** @default 512 */
  maxExportBatchSize?: number;
  /** Delay between two scheduled exports. @default 1000 */
  scheduledDelayMillis?: number;
}

export interface ResolvedExporterConfig {
  protocol: OtlpProtocol;
  exporter: { url?: string; headers?: Record<string, string>; compression?: 'gzip' | 'none'; timeoutMillis?: number };
  batch: { maxQueueSize?: number; maxExportBatchSize?: number; scheduledDelayMillis?: number };
}

const PROTOCOLS: readonly string[] = ['http/protobuf', 'http/json'];

/** Checks the options and leaves out what is not set, so the exporter's own env handling applies. */
export function resolveOtlpSinkOptions(options: OtlpSinkOptions, env = process.env): ResolvedExporterConfig {
  if (options === null || typeof options !== 'object') throw new TypeError('otlpSink: options must be an object');
  const protocol = options.protocol ?? env['OTEL_EXPORTER_OTLP_LOGS_PROTOCOL'] ?? env['OTEL_EXPORTER_OTLP_PROTOCOL'] ?? 'http/protobuf';
  if (!PROTOCOLS.includes(protocol)) {
    throw new TypeError(`otlpSink: protocol must be 'http/protobuf' or 'http/json' (gRPC is not supported); got '${protocol}'`);
  }
  const config: ResolvedExporterConfig = { protocol: protocol as OtlpProtocol, exporter: {}, batch: {} };
  if (options.endpoint !== undefined) config.exporter.url = logsUrl(options.endpoint);
  if (options.headers !== undefined) config.exporter.headers = checkHeaders(options.headers);
  if (options.compression !== undefined) {
    if (options.compression !== 'gzip' && options.compression !== 'none') {
      throw new TypeError(`otlpSink: compression must be 'gzip' or 'none'; got '${String(options.compression)}'`);
    }
    config.exporter.compression = options.compression;
  }
  if (options.timeoutMillis !== undefined) config.exporter.timeoutMillis = positive('timeoutMillis', options.timeoutMillis);
  for (const key of ['maxQueueSize', 'maxExportBatchSize', 'scheduledDelayMillis'] as const) {
    if (options[key] !== undefined) config.batch[key] = positive(key, options[key]);
  }
  if ((config.batch.maxExportBatchSize ?? 512) > (config.batch.maxQueueSize ?? 2048)) {
    throw new TypeError('otlpSink: maxExportBatchSize must not exceed maxQueueSize');
  }
  return config;
}

function logsUrl(endpoint: string): string {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`otlpSink: endpoint must be an http(s) URL; got '${endpoint}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`otlpSink: endpoint must be an http(s) URL; got '${endpoint}'`);
  }
  if (!url.pathname.endsWith('/v1/logs')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/logs`;
  return url.href;
}

function checkHeaders(headers: Record<string, string>): Record<string, string> {
  if (headers === null || typeof headers !== 'object') throw new TypeError('otlpSink: headers must be an object of strings');
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw new TypeError(`otlpSink: headers['${name}'] must be a string`);
  }
  return { ...headers };
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`otlpSink: ${name} must be a positive number; got ${value}`);
  return value;
}
