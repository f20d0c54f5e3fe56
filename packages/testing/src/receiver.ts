import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import {
  decodeLogsRequest,
  encodeLogsResponse,
  OtlpDecodeError,
  type OtlpEncoding,
  type PartialSuccess,
  type ReceivedLogRecord,
} from '@logweave/otlp-schema';
import { FaultQueue, type Fault } from './faults.ts';

const gunzipAsync = promisify(gunzip);

export interface OtlpReceiverOptions {
  /** @default 0 (a free port) */
  port?: number;
  /** Largest request body accepted, compressed or not; larger ones get 413. @default 32 MiB */
  maxBodyBytes?: number;
  /** Called with the records of every accepted request, in arrival order. */
  onRecords?: (records: ReceivedLogRecord[], request: ReceivedRequest) => void;
}

export interface ReceivedRequest {
  path: string;
  encoding: OtlpEncoding | undefined;
  gzip: boolean;
  headers: IncomingMessage['headers'];
  status: number;
  /** accepted: all records taken; partial: some reported rejected; fault: an injected fault answered; invalid: refused as malformed. */
  outcome: 'accepted' | 'partial' | 'fault' | 'invalid';
  records: ReceivedLogRecord[];
  unknownFields: string[];
  error?: string;
}

export interface OtlpReceiver {
  /** Base URL, e.g. `http://127.0.0.1:43117`: what OTEL_EXPORTER_OTLP_ENDPOINT takes. */
  readonly url: string;
  /** `${url}/v1/logs`: what OTEL_EXPORTER_OTLP_LOGS_ENDPOINT takes. */
  readonly logsUrl: string;
  readonly port: number;
  readonly requests: readonly ReceivedRequest[];
  /** Records of the requests answered 2xx (accepted or partial), in arrival order. */
  records(): ReceivedLogRecord[];
  waitForRecords(count: number, timeoutMillis?: number): Promise<ReceivedLogRecord[]>;
  /** Applies `fault` to the next `times` requests (after faults injected before it). */
  inject(fault: Fault, times?: number): void;
  clearFaults(): void;
  /** Stops listening and drops open connections: the collector is down. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, OtlpEncoding> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};

/** Starts an OTLP/HTTP logs receiver on 127.0.0.1 that decodes with the official OTLP schema. */
export async function startOtlpReceiver(options: OtlpReceiverOptions = {}): Promise<OtlpReceiver> {
  const receiver = new Receiver(options);
  await receiver.start();
  return receiver;
}

class Receiver implements OtlpReceiver {
  readonly requests: ReceivedRequest[] = [];
  readonly #faults = new FaultQueue();
  readonly #sockets = new Set<Socket>();
  readonly #server: Server;
  readonly #maxBodyBytes: number;
  readonly #onRecords: OtlpReceiverOptions['onRecords'];
  readonly #waiters = new Set<() => void>();
  #port: number;

  constructor(options: OtlpReceiverOptions) {
    this.#port = options.port ?? 0;
    this.#maxBodyBytes = options.maxBodyBytes ?? 32 * 1024 * 1024;
    this.#onRecords = options.onRecords;
    this.#server = createServer((req, res) => void this.#handle(req, res));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  get logsUrl(): string {
    return `${this.url}/v1/logs`;
  }

  records(): ReceivedLogRecord[] {
    return this.requests.filter((r) => r.status === 200).flatMap((r) => r.records);
  }

  waitForRecords(count: number, timeoutMillis = 10_000): Promise<ReceivedLogRecord[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const records = this.records();
        if (records.length < count) return;
        this.#waiters.delete(check);
        clearTimeout(timer);
        resolve(records);
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(new Error(`otlpReceiver: ${this.records().length} of ${count} records after ${timeoutMillis} ms`));
      }, timeoutMillis);
      this.#waiters.add(check);
      check();
    });
  }

  inject(fault: Fault, times = 1): void {
    this.#faults.add(fault, times);
  }

  clearFaults(): void {
    this.#faults.clear();
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const address = this.#server.address();
    if (address !== null && typeof address === 'object') this.#port = address.port;
  }

  async stop(): Promise<void> {
    if (!this.#server.listening) return;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const socket of this.#sockets) socket.destroy();
    await closed;
  }

  close(): Promise<void> {
    this.clearFaults();
    return this.stop();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const fault = this.#faults.next();
    if (fault?.kind === 'reset') {
      req.once('data', () => req.socket.destroy());
      req.once('end', () => req.socket.destroy());
      return;
    }
    const body = await this.#readBody(req);
    const entry = this.#check(req, body);
    if (entry !== undefined) {
      this.#record(entry);
      return void res.writeHead(entry.status, { 'content-type': 'text/plain' }).end(entry.error);
    }
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'status') return this.#answerFault(req, res, fault);
    await this.#accept(req, res, body!, fault?.kind === 'partial-success' ? fault : undefined);
  }

  #check(req: IncomingMessage, body: Buffer | undefined): ReceivedRequest | undefined {
    const base = this.#describe(req);
    if (req.method !== 'POST') return { ...base, status: 405, outcome: 'invalid', error: 'POST only' };
    if ((req.url ?? '').split('?')[0] !== '/v1/logs') return { ...base, status: 404, outcome: 'invalid', error: 'not /v1/logs' };
    if (base.encoding === undefined) return { ...base, status: 415, outcome: 'invalid', error: 'unsupported content-type' };
    if (body === undefined) return { ...base, status: 413, outcome: 'invalid', error: 'body too large' };
    return undefined;
  }

  #answerFault(req: IncomingMessage, res: ServerResponse, fault: Extract<Fault, { kind: 'status' }>): void {
    this.#record({ ...this.#describe(req), status: fault.status, outcome: 'fault' });
    const headers: Record<string, string> = { 'content-type': 'text/plain' };
    if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
    res.writeHead(fault.status, headers).end(`injected fault ${fault.status}`);
  }

  async #accept(req: IncomingMessage, res: ServerResponse, body: Buffer, partial: PartialSuccess | undefined): Promise<void> {
    const base = this.#describe(req);
    const encoding = base.encoding!;
    try {
      const raw = base.gzip ? await gunzipAsync(body, { maxOutputLength: this.#maxBodyBytes }) : body;
      const decoded = decodeLogsRequest(raw, encoding);
      const entry: ReceivedRequest = {
        ...base,
        status: 200,
        outcome: partial === undefined ? 'accepted' : 'partial',
        records: decoded.records,
        unknownFields: decoded.unknownFields,
      };
      this.#record(entry);
      res.writeHead(200, { 'content-type': req.headers['content-type'] }).end(encodeLogsResponse(encoding, partial));
    } catch (error) {
      const message = error instanceof OtlpDecodeError ? error.message : `cannot read body: ${(error as Error).message}`;
      this.#record({ ...base, status: 400, outcome: 'invalid', error: message });
      res.writeHead(400, { 'content-type': 'text/plain' }).end(message);
    }
  }

  #describe(req: IncomingMessage): Omit<ReceivedRequest, 'status' | 'outcome'> {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    return {
      path: req.url ?? '',
      encoding: CONTENT_TYPES[contentType],
      gzip: (req.headers['content-encoding'] ?? '').toLowerCase() === 'gzip',
      headers: req.headers,
      records: [],
      unknownFields: [],
    };
  }

  #record(entry: ReceivedRequest): void {
    this.requests.push(entry);
    if (entry.status === 200) this.#onRecords?.(entry.records, entry);
    for (const wake of this.#waiters) wake();
  }

  /** The body, or undefined when it exceeds the limit. */
  async #readBody(req: IncomingMessage): Promise<Buffer | undefined> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size <= this.#maxBodyBytes) chunks.push(chunk as Buffer);
      }
    } catch {
      return Buffer.alloc(0);
    }
    return size <= this.#maxBodyBytes ? Buffer.concat(chunks) : undefined;
  }
}
