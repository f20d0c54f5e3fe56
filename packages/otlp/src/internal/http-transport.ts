import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { ResolvedTls } from '../transport/tls.ts';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

/** Responses are small (an ExportLogsServiceResponse); a larger one is cut here. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** POSTs export requests to one URL over kept-alive connections, with the TLS settings of the target. */
export class HttpTransport {
  readonly #url: URL;
  readonly #agent: HttpAgent;
  readonly #request: typeof httpRequest;

  constructor(url: URL, tls: ResolvedTls | undefined) {
    this.#url = url;
    const https = url.protocol === 'https:';
    this.#agent = https ? new HttpsAgent({ keepAlive: true, ...tls }) : new HttpAgent({ keepAlive: true });
    this.#request = https ? httpsRequest : httpRequest;
  }

  /**
   * Resolves with any HTTP response, read to its last byte; rejects on a network error or when
   * `signal` aborts (shutdown, or the caller's deadline), at any point from connect to last byte.
   */
  post(body: Uint8Array, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      let req: ClientRequest | undefined;
      let res: IncomingMessage | undefined;
      const onAbort = () => {
        const reason = abortReason(signal);
        res?.destroy(reason);
        req?.destroy(reason);
        reject(reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      const settle = (error: Error | undefined, response?: HttpResponse) => {
        signal.removeEventListener('abort', onAbort);
        if (error !== undefined) reject(error);
        else resolve(response!);
      };
      try {
        req = this.#request(this.#url, {
          method: 'POST',
          agent: this.#agent,
          headers: { ...headers, 'content-length': String(body.byteLength) },
        });
      } catch (error) {
        return settle(error as Error);
      }
      req.on('error', settle);
      req.on('response', (response) => {
        res = response;
        readBody(response, settle);
      });
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}

function readBody(res: IncomingMessage, settle: (error: Error | undefined, response?: HttpResponse) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
  });
  res.on('error', settle);
  res.on('end', () => settle(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('aborted');
}
