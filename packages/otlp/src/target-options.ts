import { readOtlpEnv } from './internal/env.ts';
import { DEFAULT_GRPC_ENDPOINT, grpcUrl, resolveTransport, type ResolvedTransport, type TransportOptions } from './transport/transport-options.ts';

export type OtlpProtocol = 'http/protobuf' | 'http/json' | 'grpc';

/** One OTLP endpoint: where requests go and how they travel. */
export interface OtlpTargetOptions extends TransportOptions {
  /**
   * The collector: a base URL (`/v1/logs` is appended, as for OTEL_EXPORTER_OTLP_ENDPOINT) or the
   * full logs URL ending in `/v1/logs`. For 'grpc', the URL as is (http:// plaintext, https:// TLS), by default 'http://localhost:4317'.
   * @default OTEL_EXPORTER_OTLP_LOGS_ENDPOINT (as is), else OTEL_EXPORTER_OTLP_ENDPOINT + '/v1/logs', else 'http://localhost:4318/v1/logs'
   */
  endpoint?: string;
  /** @default OTEL_EXPORTER_OTLP_LOGS_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL, else 'http/protobuf' */
  protocol?: OtlpProtocol;
  /** Deadline of one request, from connect to the response's last byte. @default OTEL_EXPORTER_OTLP_(LOGS_)TIMEOUT, else 10000 */
  timeoutMillis?: number;
  /** Names the endpoint in stats and error reports. @default the endpoint's host:port */
  name?: string;
}

/** The options of OtlpTargetOptions, for telling them apart from a sink's own. */
export const TARGET_OPTION_NAMES = ['endpoint', 'protocol', 'headers', 'compression', 'compressionLevel', 'tls', 'timeoutMillis'] as const;

export interface ResolvedTargetOptions extends ResolvedTransport {
  name: string;
  url: URL;
  protocol: OtlpProtocol;
  timeoutMillis: number;
}

const PROTOCOLS: readonly string[] = ['http/protobuf', 'http/json', 'grpc'];

export function resolveTargetOptions(options: OtlpTargetOptions, component: string, env = process.env): ResolvedTargetOptions {
  if (options === null || typeof options !== 'object') throw new TypeError(`${component}: options must be an object`);
  const fromEnv = readOtlpEnv(env);
  const protocol = options.protocol ?? fromEnv.protocol ?? 'http/protobuf';
  if (!PROTOCOLS.includes(protocol)) {
    throw new TypeError(`${component}: protocol must be 'http/protobuf', 'http/json' or 'grpc'; got '${protocol}'`);
  }
  const timeoutMillis = options.timeoutMillis ?? fromEnv.timeoutMillis ?? 10_000;
  if (typeof timeoutMillis !== 'number' || !Number.isFinite(timeoutMillis) || timeoutMillis <= 0) {
    throw new TypeError(`${component}: timeoutMillis must be a positive number; got ${String(timeoutMillis)}`);
  }
  const url = protocol === 'grpc'
    ? grpcUrl(options.endpoint ?? fromEnv.logsEndpoint ?? fromEnv.endpoint ?? DEFAULT_GRPC_ENDPOINT, component, fromEnv.insecure)
    : options.endpoint !== undefined || fromEnv.logsEndpoint === undefined
    ? logsUrl(options.endpoint ?? fromEnv.endpoint ?? 'http://localhost:4318', true, component)
    : logsUrl(fromEnv.logsEndpoint, false, component);
  const name = options.name ?? url.host;
  if (typeof name !== 'string' || name === '') throw new TypeError(`${component}: name must be a non-empty string`);
  const transport = resolveTransport(options, fromEnv, { url, protocol }, component);
  return { name, url, protocol: protocol as OtlpProtocol, timeoutMillis, ...transport };
}

function logsUrl(endpoint: string, appendPath: boolean, component: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(`${component}: endpoint must be an http(s) URL; got '${endpoint}'`);
  }
  if (appendPath && !url.pathname.endsWith('/v1/logs')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/logs`;
  return url;
}
