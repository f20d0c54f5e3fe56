import type { OtlpEnv } from '../internal/env.ts';
import { HttpTarget } from '../internal/http-target.ts';
import { resolveCompressor, type Compression, type Compressor } from './compression.ts';
import { GrpcTarget } from './grpc-target.ts';
import { HeaderSource, type HeadersOption } from './headers.ts';
import { resolveTls, type ResolvedTls, type TlsOptions } from './tls.ts';

/** How an OTLP target's requests travel: the options beside endpoint, protocol and timeout. */
export interface TransportOptions {
  /**
   * Sent with every request (gRPC: as metadata), over OTEL_EXPORTER_OTLP_(LOGS_)HEADERS; or a
   * function (sync or async) called before every request, for rotating tokens.
   */
  headers?: HeadersOption;
  /** `zstd` goes beyond the spec's gzip | none (the Collector accepts it; not over gRPC). @default OTEL_EXPORTER_OTLP_(LOGS_)COMPRESSION, else 'none' */
  compression?: Compression;
  /** gzip 1–9, zstd 1–22 (HTTP only). @default 6 for gzip, 3 for zstd */
  compressionLevel?: number;
  /** CA, client certificate and key for an https:// endpoint. @default the OTEL_EXPORTER_OTLP_(LOGS_)CERTIFICATE, _CLIENT_CERTIFICATE, _CLIENT_KEY files */
  tls?: TlsOptions;
}

export interface ResolvedTransport {
  headers: HeaderSource;
  compressor: Compressor;
  /** Set for https:// endpoints only. */
  tls: ResolvedTls | undefined;
}

/** Default endpoints of the OTLP exporter spec: the gRPC port takes no path. */
export const DEFAULT_GRPC_ENDPOINT = 'http://localhost:4317';

export function resolveTransport(
  options: TransportOptions,
  fromEnv: OtlpEnv,
  target: { url: URL; protocol: string },
  component: string,
): ResolvedTransport {
  const grpc = target.protocol === 'grpc';
  const compression = options.compression ?? fromEnv.compression ?? 'none';
  const compressionFrom = options.compression === undefined && fromEnv.compression !== undefined
    ? `${component} (OTEL_EXPORTER_OTLP_(LOGS_)COMPRESSION)`
    : component;
  if (grpc && compression === 'zstd') throw new TypeError(`${component}: compression 'zstd' is not available over gRPC (grpc-js has gzip only)`);
  if (grpc && options.compressionLevel !== undefined) {
    throw new TypeError(`${component}: compressionLevel is not available over gRPC (grpc-js compresses at zlib's default level)`);
  }
  const secure = target.url.protocol === 'https:';
  if (!secure && options.tls !== undefined) throw new TypeError(`${component}: tls needs an https:// endpoint; got '${target.url.href}'`);
  return {
    headers: new HeaderSource(fromEnv.headers, options.headers ?? {}, component),
    compressor: resolveCompressor(compression, options.compressionLevel, compressionFrom),
    // The certificate variables apply to secure connections only, as the spec says.
    tls: secure ? resolveTls(options.tls, fromEnv.tls, component) : undefined,
  };
}

/**
 * A gRPC endpoint is used as given (no `/v1/logs`); only its scheme, host and port matter. As the
 * spec says, `host:port` without a scheme means TLS unless OTEL_EXPORTER_OTLP_(LOGS_)INSECURE=true.
 */
export function grpcUrl(endpoint: string, component: string, insecure = false): URL {
  const withScheme = /^[a-z][a-z\d+.-]*:\/\//i.test(endpoint) ? endpoint : `${insecure ? 'http' : 'https'}://${endpoint}`;
  let url: URL | undefined;
  try {
    url = new URL(withScheme);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new TypeError(`${component}: endpoint must be an http(s) URL (http:// for plaintext gRPC); got '${endpoint}'`);
  }
  return url;
}

export interface TransportTargetOptions extends ResolvedTransport {
  name: string;
  url: URL;
  protocol: string;
  timeoutMillis: number;
}

/** The Target for a resolved endpoint: OTLP/gRPC or OTLP/HTTP. */
export function transportTarget(options: TransportTargetOptions): HttpTarget | GrpcTarget {
  return options.protocol === 'grpc' ? new GrpcTarget(options) : new HttpTarget(options);
}
