import type { EncodedRequest, SendResult, Target } from '@logweave/core';
import { decodeLogsResponse } from '@logweave/otlp-schema/response';
import type { ChannelCredentials, Client, Metadata, ServiceError } from '@grpc/grpc-js';
import type { Compressor } from './compression.ts';
import { withDeadline } from './deadline.ts';
import { retryInfoDelayMillis } from './grpc-retry-info.ts';
import type { HeaderSource } from './headers.ts';
import type { ResolvedTls } from './tls.ts';

const EXPORT_METHOD = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';

type GrpcModule = typeof import('@grpc/grpc-js');

// gRPC status codes (the same numbers in every gRPC implementation).
const CANCELLED = 1;
const DEADLINE_EXCEEDED = 4;
const RESOURCE_EXHAUSTED = 8;
const ABORTED = 10;
const OUT_OF_RANGE = 11;
const UNAVAILABLE = 14;
const DATA_LOSS = 15;

/** The OTLP spec's retryable codes; RESOURCE_EXHAUSTED only when the server sent RetryInfo. */
const RETRYABLE_CODES = new Set<number>([CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS]);

/** grpc-js compression algorithm ids (its CompressionAlgorithms enum). */
const GRPC_GZIP = 2;

const identity = (bytes: Buffer): Buffer => bytes;

export interface GrpcTargetOptions {
  name: string;
  /** http:// for plaintext (h2c), https:// for TLS; only host and port are used. */
  url: URL;
  headers: HeaderSource;
  /** gzip or none: grpc-js compresses messages itself, at zlib's default level. */
  compressor: Compressor;
  /** Deadline of one call, sent to the server as `grpc-timeout` too. */
  timeoutMillis: number;
  tls: ResolvedTls | undefined;
}

/**
 * One OTLP/gRPC logs endpoint. It sends the bytes of the sink's protobuf encoder unchanged (a
 * generic client with identity serializers), so gRPC costs no second encoding. @grpc/grpc-js is
 * loaded at the first send, so that an application sending over HTTP never pays for loading it.
 */
export class GrpcTarget implements Target {
  readonly name: string;
  readonly encoding = 'protobuf' as const;
  readonly url: string;
  readonly #options: GrpcTargetOptions;
  #client: Promise<{ grpc: GrpcModule; client: Client }> | undefined;
  #closed = false;

  constructor(options: GrpcTargetOptions) {
    this.name = options.name;
    this.url = options.url.href;
    this.#options = options;
  }

  send(request: EncodedRequest, signal: AbortSignal): Promise<SendResult> {
    const { timeoutMillis, headers } = this.#options;
    return withDeadline(timeoutMillis, signal, async (deadline) => {
      const { grpc, client } = await this.#connect();
      const metadata = toMetadata(grpc, await headers.resolve());
      return new Promise<SendResult>((resolve) => {
        const call = client.makeUnaryRequest<Buffer, Buffer>(
          EXPORT_METHOD,
          identity,
          identity,
          Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength),
          metadata,
          { deadline: Date.now() + timeoutMillis },
          (error, response) => resolve(error === null ? accepted(response) : refused(grpc, error)),
        );
        deadline.addEventListener('abort', () => call.cancel(), { once: true });
      });
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#client !== undefined) (await this.#client).client.close();
  }

  #connect(): Promise<{ grpc: GrpcModule; client: Client }> {
    if (this.#closed) return Promise.reject(new Error('target closed'));
    this.#client ??= import('@grpc/grpc-js').then((grpc) => {
      const { url, tls, compressor } = this.#options;
      const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
      const client = new grpc.Client(`${url.hostname}:${port}`, channelCredentials(grpc, url, tls), {
        'grpc.default_compression_algorithm': compressor.encoding === 'gzip' ? GRPC_GZIP : 0,
      });
      return { grpc, client };
    });
    return this.#client;
  }
}

function channelCredentials(grpc: GrpcModule, url: URL, tls: ResolvedTls | undefined): ChannelCredentials {
  const { credentials } = grpc;
  if (url.protocol !== 'https:') return credentials.createInsecure();
  return credentials.createSsl(tls?.ca ?? null, tls?.key ?? null, tls?.cert ?? null, {
    rejectUnauthorized: tls?.rejectUnauthorized ?? true,
  });
}

/** gRPC metadata keys are lower case; an invalid one fails this attempt (the sink reports it). */
function toMetadata(grpc: GrpcModule, headers: Record<string, string>): Metadata {
  const metadata = new grpc.Metadata();
  for (const [key, value] of Object.entries(headers)) metadata.set(key.toLowerCase(), value);
  return metadata;
}

function accepted(response: Buffer | undefined): SendResult {
  if (response === undefined || response.byteLength === 0) return { ok: true, rejected: 0, message: '' };
  try {
    return { ok: true, ...decodeLogsResponse(response, 'protobuf') };
  } catch {
    return { ok: true, rejected: 0, message: 'unreadable response body' };
  }
}

function refused(grpc: GrpcModule, error: ServiceError): SendResult {
  const details = error.metadata?.get('grpc-status-details-bin')[0];
  const retryAfterMillis = details instanceof Buffer ? retryInfoDelayMillis(details) : undefined;
  const message = `gRPC ${grpc.status[error.code] ?? error.code}: ${error.details}`;
  const retryable = RETRYABLE_CODES.has(error.code) ||
    (error.code === RESOURCE_EXHAUSTED && retryAfterMillis !== undefined);
  if (!retryable) return { ok: false, retryable: false, error: message };
  return retryAfterMillis === undefined
    ? { ok: false, retryable: true, error: message }
    : { ok: false, retryable: true, error: message, retryAfterMillis };
}
