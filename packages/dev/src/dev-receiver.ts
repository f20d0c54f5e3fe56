import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ReceivedLogRecord } from '@logweave/otlp-schema';
import { formatRecord } from './format-record.ts';
import { LiveTail } from './internal/live-tail.ts';
import { readMetricsRequest } from './internal/otlp-metrics.ts';
import { readLogsRequest, successBody } from './internal/otlp-request.ts';
import { HealthStore, healthLine, type PipelineHealth } from './internal/pipeline-health.ts';
import { hostAllowed, livePage } from './internal/page.ts';
import { RecordRing } from './internal/record-ring.ts';
import { resolveDevReceiverOptions, type DevReceiverOptions, type ResolvedDevReceiverOptions } from './options.ts';

export interface DevReceiver {
  /** Base URL, e.g. `http://127.0.0.1:4318`: the live page, and what OTEL_EXPORTER_OTLP_ENDPOINT takes. */
  readonly url: string;
  /** `${url}/v1/logs`: what OTEL_EXPORTER_OTLP_LOGS_ENDPOINT takes. */
  readonly logsUrl: string;
  readonly port: number;
  /** The last `ring` records received, oldest first. */
  records(): ReceivedLogRecord[];
  stats(): DevReceiverStats;
  /** The pipeline's own health from the self-metrics posted to `/v1/metrics`; undefined before any. */
  health(): PipelineHealth | undefined;
  /** Stops listening and disconnects every client, live pages included. */
  close(): Promise<void>;
}

export interface DevReceiverStats {
  /** Records accepted since start (each printed and put in the ring). */
  received: number;
  /** Records held in the ring now. */
  retained: number;
  /** Requests answered 4xx: wrong path, method or content type, malformed or too large. */
  refusedRequests: number;
  /** Live pages connected now. */
  liveClients: number;
  /** Live pages disconnected because they stopped reading: a whole ring behind, or stalled when a new page came. */
  slowClientsDropped: number;
  /** Live pages whose socket is full now: they read slower than records arrive. */
  stalledClients: number;
  /** Live pages answered 503: `maxLiveClients` were connected and keeping up. */
  liveClientsRefused: number;
  /** Metric data points accepted on `/v1/metrics`. */
  metricPoints: number;
}

/**
 * Starts a local OTLP/HTTP logs receiver (protobuf, JSON, gzip on `/v1/logs`) that prints each
 * record as a readable line and serves a live tail of them at `/`: a collector for a developer.
 */
export async function startDevReceiver(options: DevReceiverOptions = {}): Promise<DevReceiver> {
  const resolved = resolveDevReceiverOptions(options);
  const server = new DevServer(resolved);
  await server.listen();
  return server;
}

class DevServer implements DevReceiver {
  readonly #options: ResolvedDevReceiverOptions;
  readonly #ring: RecordRing;
  readonly #live: LiveTail;
  readonly #server: Server;
  readonly #health = new HealthStore();
  #metricPoints = 0;
  #port: number;
  #refused = 0;

  constructor(options: ResolvedDevReceiverOptions) {
    this.#options = options;
    this.#port = options.port;
    this.#ring = new RecordRing(options.ring);
    this.#live = new LiveTail(this.#ring, options.ring, options.maxLiveClients);
    this.#server = createServer((req, res) => {
      this.#route(req, res).catch(() => res.destroy());
    });
  }

  get port(): number {
    return this.#port;
  }

  get url(): string {
    const host = this.#options.host.includes(':') ? `[${this.#options.host}]` : this.#options.host;
    return `http://${host}:${this.#port}`;
  }

  get logsUrl(): string {
    return `${this.url}/v1/logs`;
  }

  records(): ReceivedLogRecord[] {
    return this.#ring.records();
  }

  stats(): DevReceiverStats {
    return {
      received: this.#ring.lastSeq,
      retained: this.#ring.size,
      refusedRequests: this.#refused,
      liveClients: this.#live.clients,
      slowClientsDropped: this.#live.dropped,
      stalledClients: this.#live.stalled,
      liveClientsRefused: this.#live.refused,
      metricPoints: this.#metricPoints,
    };
  }

  health(): PipelineHealth | undefined {
    return this.#health.empty ? undefined : this.#health.summary();
  }

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#port, this.#options.host, () => {
        this.#server.off('error', reject);
        const address = this.#server.address();
        if (address !== null && typeof address === 'object') this.#port = address.port;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    if (!this.#server.listening) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#live.close();
    this.#server.closeAllConnections();
    return closed;
  }

  async #route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const method = req.method ?? 'GET';
    if (path === '/v1/logs') return method === 'POST' ? this.#receive(req, res) : this.#refuse(req, res, 405, 'POST only');
    if (path === '/v1/metrics') return method === 'POST' ? this.#receiveMetrics(req, res) : this.#refuse(req, res, 405, 'POST only');
    if (path !== '/' && path !== '/events') return this.#refuse(req, res, 404, 'not found (OTLP logs go to /v1/logs)');
    if (method !== 'GET') return this.#refuse(req, res, 405, 'GET only');
    if (!hostAllowed(req, this.#options.host)) return this.#refuse(req, res, 403, 'host not allowed');
    if (path === '/events') return this.#live.connect(req, res);
    const page = livePage();
    res.writeHead(200, page.headers).end(page.html);
  }

  async #receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const result = await readLogsRequest(req, this.#options.maxBodyBytes);
    if (result.status !== 200) return this.#refuse(req, res, result.status, result.error);
    const { write, format } = this.#options;
    // Published record by record: a request larger than the ring must not leave behind the
    // pages that keep up.
    for (const record of result.records) {
      this.#ring.push(record);
      write(formatRecord(record, format));
      this.#live.publish();
    }
    res.writeHead(200, { 'content-type': req.headers['content-type'] }).end(successBody(result.encoding));
  }

  async #receiveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const result = await readMetricsRequest(req, this.#options.maxBodyBytes);
    if (result.status !== 200) return this.#refuse(req, res, result.status, result.error);
    this.#metricPoints += result.points.length;
    this.#health.add(result.points);
    if (!this.#health.empty) {
      const health = this.#health.summary();
      this.#options.write(healthLine(health));
      this.#live.publishHealth(health);
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  }

  #refuse(req: IncomingMessage, res: ServerResponse, status: number, reason: string): void {
    this.#refused++;
    this.#options.write(`logweave dev: refused ${req.method} ${req.url}: ${status} ${reason}`);
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(reason);
  }
}
