import type { EncodedRequest, OtlpEncoding, SendResult, Target } from '@logweave/core';
import { decodeLogsResponse } from '@logweave/otlp-schema/response';
import type { Compressor } from '../transport/compression.ts';
import { withDeadline } from '../transport/deadline.ts';
import type { HeaderSource } from '../transport/headers.ts';
import type { ResolvedTls } from '../transport/tls.ts';
import { HttpTransport, type HttpResponse } from './http-transport.ts';
import { statusMessage } from './rpc-status.ts';
import { parseRetryAfter } from './retry.ts';

/** OTLP/HTTP says these are worth retrying; every other 4xx and 5xx is permanent. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

const CONTENT_TYPES: Record<OtlpEncoding, string> = { protobuf: 'application/x-protobuf', json: 'application/json' };

export interface HttpTargetOptions {
  name: string;
  url: URL;
  /** 'http/json' sends OTLP/JSON; anything else OTLP/protobuf. */
  protocol: string;
  headers: HeaderSource;
  compressor: Compressor;
  /** Deadline of one request, from connect to the last byte of the response. */
  timeoutMillis: number;
  tls: ResolvedTls | undefined;
}

/** One OTLP/HTTP logs endpoint: posts an encoded request once and reads what the collector said. */
export class HttpTarget implements Target {
  readonly name: string;
  readonly encoding: OtlpEncoding;
  readonly url: string;
  readonly #transport: HttpTransport;
  readonly #options: HttpTargetOptions;

  constructor(options: HttpTargetOptions) {
    this.name = options.name;
    this.url = options.url.href;
    this.encoding = options.protocol === 'http/json' ? 'json' : 'protobuf';
    this.#options = options;
    this.#transport = new HttpTransport(options.url, options.tls);
  }

  /** Posts an already encoded ExportLogsServiceRequest (in this target's encoding); never rejects. */
  send(request: EncodedRequest, signal: AbortSignal): Promise<SendResult> {
    return withDeadline(this.#options.timeoutMillis, signal, async (deadline) => {
      const { headers, compressor } = this.#options;
      const body = await compressor.compress(request.bytes);
      const sent: Record<string, string> = { ...(await headers.resolve()), 'content-type': CONTENT_TYPES[this.encoding] };
      if (compressor.encoding !== undefined) sent['content-encoding'] = compressor.encoding;
      return this.#read(await this.#transport.post(body, sent, deadline));
    });
  }

  async close(): Promise<void> {
    this.#transport.close();
  }

  #read(response: HttpResponse): SendResult {
    const { status } = response;
    if (status >= 200 && status < 300) return { ok: true, ...this.#partialSuccess(response.body) };
    const error = `HTTP ${status}${summary(response.body, header(response.headers['content-type']))}`;
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
      return decodeLogsResponse(body, this.encoding);
    } catch {
      return { rejected: 0, message: 'unreadable response body' };
    }
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function summary(body: Uint8Array, contentType: string | undefined): string {
  const text = statusMessage(body, contentType);
  return text === '' ? '' : `: ${text}`;
}
