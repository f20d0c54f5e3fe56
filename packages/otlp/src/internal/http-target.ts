import type { LogRecordLike } from '@logweave/core';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { LogsEncoder } from '../encoding/index.ts';
import type { AttemptResult, BatchTarget } from './delivery.ts';
import { encodeBatch } from './encode-batch.ts';
import { HttpTransport, type HttpResponse } from './http-transport.ts';
import { parseRetryAfter } from './retry.ts';

const gzipAsync = promisify(gzip);

/** OTLP/HTTP says these are worth retrying; every other 4xx and 5xx is permanent. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

export interface HttpTargetOptions {
  name: string;
  url: URL;
  headers: Record<string, string>;
  compression: 'gzip' | 'none';
  timeoutMillis: number;
  encoder: LogsEncoder;
}

/** One OTLP/HTTP logs endpoint: encodes a batch, posts it once, and reads what the collector said. */
export class HttpTarget implements BatchTarget {
  readonly name: string;
  readonly encoder: LogsEncoder;
  readonly #transport: HttpTransport;
  readonly #gzip: boolean;
  readonly #json: boolean;

  constructor(options: HttpTargetOptions) {
    this.name = options.name;
    this.encoder = options.encoder;
    this.#gzip = options.compression === 'gzip';
    this.#json = options.encoder.contentType === 'application/json';
    this.#transport = new HttpTransport(options.url, options.headers, options.timeoutMillis);
  }

  async attempt(records: readonly LogRecordLike[], signal: AbortSignal): Promise<AttemptResult> {
    const { bytes, unencodable } = encodeBatch(this.encoder, records);
    if (bytes === undefined) return { ok: true, rejected: 0, message: '', unencodable };
    const result = await this.post(bytes, signal);
    return result.ok && unencodable > 0 ? { ...result, unencodable } : result;
  }

  /** Posts an already encoded ExportLogsServiceRequest (in this target's content type). */
  async post(encoded: Uint8Array, signal: AbortSignal): Promise<AttemptResult> {
    let response: HttpResponse;
    try {
      const body = this.#gzip ? await gzipAsync(encoded) : encoded;
      const headers: Record<string, string> = { 'content-type': this.encoder.contentType };
      if (this.#gzip) headers['content-encoding'] = 'gzip';
      response = await this.#transport.post(body, headers, signal);
    } catch (error) {
      return { ok: false, retryable: !signal.aborted, error: describe(error) };
    }
    return this.#read(response);
  }

  close(): void {
    this.#transport.close();
  }

  #read(response: HttpResponse): AttemptResult {
    const { status } = response;
    if (status >= 200 && status < 300) return { ok: true, ...this.#partialSuccess(response.body) };
    const error = `HTTP ${status}${summary(response.body)}`;
    if (!RETRYABLE_STATUS.has(status)) return { ok: false, retryable: false, error };
    const retryAfterMillis = parseRetryAfter(header(response.headers['retry-after']));
    return retryAfterMillis === undefined
      ? { ok: false, retryable: true, error }
      : { ok: false, retryable: true, error, retryAfterMillis };
  }

  /** A 2xx may still say some records were rejected (OTLP partial success). */
  #partialSuccess(body: Uint8Array): { rejected: number; message: string } {
    if (body.byteLength === 0) return { rejected: 0, message: '' };
    try {
      const response = this.#json
        ? JsonLogsSerializer.deserializeResponse(body)
        : ProtobufLogsSerializer.deserializeResponse(body);
      const partial = response.partialSuccess;
      return { rejected: Number(partial?.rejectedLogRecords ?? 0), message: partial?.errorMessage ?? '' };
    } catch {
      return { rejected: 0, message: 'unreadable response body' };
    }
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function summary(body: Uint8Array): string {
  const text = Buffer.from(body).toString('utf8', 0, Math.min(body.byteLength, 200)).trim();
  return text === '' ? '' : `: ${text}`;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === undefined ? error.message : `${code}: ${error.message}`;
  }
  return String(error);
}
