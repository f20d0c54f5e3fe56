import { readOtlpEnv } from './internal/env.ts';
import { resolveDurableOptions, type DurableOptions, type ResolvedDurableOptions } from './durable/durable-options.ts';
import { resolveRetry } from './internal/retry.ts';
import { resolveQueueOptions, type QueueOptions, type ResolvedQueueOptions } from './queue-options.ts';

export type OtlpProtocol = 'http/protobuf' | 'http/json';

export interface OtlpSinkOptions extends QueueOptions {
  /**
   * The collector: a base URL (`/v1/logs` is appended, as for OTEL_EXPORTER_OTLP_ENDPOINT) or the
   * full logs URL ending in `/v1/logs`.
   * @default OTEL_EXPORTER_OTLP_LOGS_ENDPOINT (as is), else OTEL_EXPORTER_OTLP_ENDPOINT + '/v1/logs', else 'http://localhost:4318/v1/logs'
   */
  endpoint?: string;
  /** @default OTEL_EXPORTER_OTLP_LOGS_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL, else 'http/protobuf' */
  protocol?: OtlpProtocol;
  /** Sent with every request, over OTEL_EXPORTER_OTLP_(LOGS_)HEADERS. */
  headers?: Record<string, string>;
  /** @default OTEL_EXPORTER_OTLP_(LOGS_)COMPRESSION, else 'none' */
  compression?: 'gzip' | 'none';
  /** Time allowed for one HTTP request. @default OTEL_EXPORTER_OTLP_(LOGS_)TIMEOUT, else 10000 */
  timeoutMillis?: number;
  /** Names the destination in stats and error reports. @default the endpoint's host:port */
  name?: string;
  /** Which OTLP encoder writes the requests: logweave's, or the official otlp-transformer serializer. @default 'logweave' */
  encoder?: 'logweave' | 'official';
  /**
   * Keep batches in a write-ahead queue on disk until the collector accepts them, across outages
   * and restarts. Retries then default to never giving up (`maxElapsedMillis: 0`).
   */
  durable?: DurableOptions;
}

export interface ResolvedOtlpSinkOptions extends ResolvedQueueOptions {
  name: string;
  url: URL;
  protocol: OtlpProtocol;
  headers: Record<string, string>;
  compression: 'gzip' | 'none';
  timeoutMillis: number;
  encoder: 'logweave' | 'official';
  durable: ResolvedDurableOptions | undefined;
}

const PROTOCOLS: readonly string[] = ['http/protobuf', 'http/json'];

export function resolveOtlpSinkOptions(options: OtlpSinkOptions, env = process.env): ResolvedOtlpSinkOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('otlpSink: options must be an object');
  const fromEnv = readOtlpEnv(env);
  const protocol = options.protocol ?? fromEnv.protocol ?? 'http/protobuf';
  if (!PROTOCOLS.includes(protocol)) {
    throw new TypeError(`otlpSink: protocol must be 'http/protobuf' or 'http/json' (gRPC is not supported); got '${protocol}'`);
  }
  const compression = options.compression ?? fromEnv.compression ?? 'none';
  if (compression !== 'gzip' && compression !== 'none') {
    throw new TypeError(`otlpSink: compression must be 'gzip' or 'none'; got '${String(compression)}'`);
  }
  const encoder = options.encoder ?? 'logweave';
  if (encoder !== 'logweave' && encoder !== 'official') {
    throw new TypeError(`otlpSink: encoder must be 'logweave' or 'official'; got '${String(encoder)}'`);
  }
  const timeoutMillis = options.timeoutMillis ?? fromEnv.timeoutMillis ?? 10_000;
  if (!Number.isFinite(timeoutMillis) || timeoutMillis <= 0) {
    throw new TypeError(`otlpSink: timeoutMillis must be a positive number; got ${timeoutMillis}`);
  }
  const url = options.endpoint !== undefined || fromEnv.logsEndpoint === undefined
    ? logsUrl(options.endpoint ?? fromEnv.endpoint ?? 'http://localhost:4318', true)
    : logsUrl(fromEnv.logsEndpoint, false);
  const name = options.name ?? url.host;
  if (typeof name !== 'string' || name === '') throw new TypeError('otlpSink: name must be a non-empty string');
  const durable = options.durable === undefined ? undefined : resolveDurableOptions(options.durable);
  const queue = resolveQueueOptions(options, 'otlpSink');
  if (durable !== undefined && options.retry === undefined) queue.retry = resolveRetry({ maxElapsedMillis: 0 }, 'otlpSink');
  return {
    ...queue,
    durable,
    name,
    url,
    protocol: protocol as OtlpProtocol,
    headers: { ...fromEnv.headers, ...checkHeaders(options.headers ?? {}) },
    compression,
    timeoutMillis,
    encoder,
  };
}

function logsUrl(endpoint: string, appendPath: boolean): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new TypeError(`otlpSink: endpoint must be an http(s) URL; got '${endpoint}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`otlpSink: endpoint must be an http(s) URL; got '${endpoint}'`);
  }
  if (appendPath && !url.pathname.endsWith('/v1/logs')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/logs`;
  return url;
}

function checkHeaders(headers: Record<string, string>): Record<string, string> {
  if (headers === null || typeof headers !== 'object') throw new TypeError('otlpSink: headers must be an object of strings');
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== 'string') throw new TypeError(`otlpSink: headers['${name}'] must be a string`);
  }
  return headers;
}
