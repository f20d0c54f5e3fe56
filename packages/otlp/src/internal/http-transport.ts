import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Uint8Array;
}

/** Responses are small (an ExportLogsServiceResponse); a larger one is cut here. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** POSTs export requests to one URL over kept-alive connections. */
export class HttpTransport {
  readonly #url: URL;
  readonly #headers: Record<string, string>;
  readonly #timeoutMillis: number;
  readonly #agent: HttpAgent;
  readonly #request: typeof httpRequest;

  constructor(url: URL, headers: Record<string, string>, timeoutMillis: number) {
    this.#url = url;
    this.#headers = headers;
    this.#timeoutMillis = timeoutMillis;
    const https = url.protocol === 'https:';
    this.#agent = https ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
    this.#request = https ? httpsRequest : httpRequest;
  }

  /** Resolves with any HTTP response; rejects on a network error or timeout. */
  post(body: Uint8Array, headers: Record<string, string>, signal: AbortSignal): Promise<HttpResponse> {
    return new Promise((resolve, reject) => {
      const req = this.#request(this.#url, {
        method: 'POST',
        agent: this.#agent,
        headers: { ...this.#headers, ...headers, 'content-length': String(body.byteLength) },
        timeout: this.#timeoutMillis,
        signal,
      });
      req.on('timeout', () => req.destroy(new Error(`no response within ${this.#timeoutMillis} ms`)));
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
        });
        res.on('error', reject);
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.end(body);
    });
  }

  close(): void {
    this.#agent.destroy();
  }
}
