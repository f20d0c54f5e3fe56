import {
  chainValueFilters,
  claimTarget,
  sinkMetrics,
  type LogRecordLike,
  type Sink,
  type SinkMetrics,
  type SinkMetricsOptions,
  type Target,
  type TargetStats,
  type ValueFilter,
} from '@logweave/core';
import { DurableSinkCore, type DurableStats } from './durable/durable-sink.ts';
import { jsonEncoder, officialEncoder, protobufEncoder, type LogsEncoder } from './encoding/index.ts';
import { BatchQueue } from './internal/batch-queue.ts';
import { requestEncoder, workerRequestEncoder, type RequestEncoder } from './internal/encode-requests.ts';
import { sendBatches } from './internal/send-batch.ts';
import type { SinkStats } from './internal/sink-counters.ts';
import { resolveOtlpSinkOptions, type OtlpSinkOptions, type ResolvedOtlpSinkOptions } from './options.ts';
import { targetFromResolved, type OtlpTarget } from './otlp-target.ts';
import type { OtlpProtocol } from './target-options.ts';
import { EncodeWorker, type BatchEncoder } from './worker/index.ts';

/** A sink's counters; in durable mode with the disk's; with `targets` when its target is a composite. */
export type OtlpSinkStats = (SinkStats | DurableStats) & { targets?: TargetStats[] };

export interface OtlpSink extends Sink {
  readonly name: string;
  stats(): OtlpSinkStats;
}

/**
 * A sink with one bounded queue, batching, encoding and collector-grade retry in front of a
 * target: an otlpTarget(), a failover() or a loadBalance(), or the endpoint named inline. In
 * durable mode the batches wait in a write-ahead queue on disk until the target accepts them.
 */
export function otlpSink(options: OtlpSinkOptions = {}): OtlpSink {
  return new OtlpSinkImpl(resolveOtlpSinkOptions(options));
}

class OtlpSinkImpl implements OtlpSink {
  readonly name: string;
  readonly #target: Target;
  readonly #worker: BatchEncoder | undefined;
  /** In memory, or on disk in durable mode. */
  readonly #queue: BatchQueue | DurableSinkCore;
  /** Filters applied to every string written (redaction where data leaves the process). */
  readonly #filters: ValueFilter[] = [];
  #encode: RequestEncoder;
  #shutdown: Promise<void> | undefined;
  /**
   * Present where this sink writes each string itself: not with the official encoder (it reads
   * the records on its own) nor in worker mode (the filter cannot cross to the worker thread).
   */
  readonly applyValueFilter?: (filter: ValueFilter) => void;

  constructor(options: ResolvedOtlpSinkOptions) {
    this.name = options.name;
    const target = 'send' in options.target ? options.target : targetFromResolved(options.target);
    this.#target = target;
    this.#encode = requestEncoder(encoderFor(options.encoder, target, undefined), target);
    // Batches are encoded through this indirection so that a filter applied after set-up counts.
    const encode: RequestEncoder = (records) => this.#encode(records);
    if (options.encoder === 'logweave' && !options.worker) {
      this.applyValueFilter = (filter) => {
        this.#filters.push(filter);
        this.#encode = requestEncoder(encoderFor(options.encoder, target, chainValueFilters(this.#filters)), target);
      };
    }
    const metrics = metricsFor(options, target);
    if (options.durable !== undefined) {
      this.#queue = new DurableSinkCore({ ...options, metrics }, options.durable, target, encode);
    } else {
      this.#worker = options.worker ? new EncodeWorker({ encoding: target.encoding }) : undefined;
      const encodeBatches = this.#worker === undefined ? encode : workerRequestEncoder(this.#worker, target, encode);
      const queue: BatchQueue = new BatchQueue({ ...options, metrics }, sendBatches(target, encodeBatches, options.retry, () => queue, metrics));
      this.#queue = queue;
    }
    // Last, so that a sink that failed to set up leaves its target free for another try.
    claimTarget(target, 'otlpSink', 'target');
  }

  onEmit(record: LogRecordLike): void {
    this.#queue.add(record);
  }

  stats(): OtlpSinkStats {
    const stats = this.#queue.stats();
    return this.#target.stats === undefined ? stats : { ...stats, targets: this.#target.stats() };
  }

  forceFlush(): Promise<void> {
    return this.#queue.forceFlush();
  }

  /** Flushes, stops, then closes the target (a sink owns the target it was given) and any encode worker. */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.#queue.shutdown().finally(() => Promise.all([this.#target.close(), this.#worker?.close()]).then(() => {}));
    return this.#shutdown;
  }
}

/** Exporter-side `otel.component.type` by the protocol an otlpTarget speaks, as the conventions name them. */
const EXPORTER_TYPES = { 'http/protobuf': 'otlp_http_log_exporter', 'http/json': 'otlp_http_json_log_exporter', grpc: 'otlp_grpc_log_exporter' } as const;

/**
 * Self-metrics under the sink's name; exporter metrics carry the endpoint's address when the
 * sink sends to one otlpTarget (a composite's members are several).
 */
function metricsFor(options: ResolvedOtlpSinkOptions, target: Target): SinkMetrics {
  const inline = 'send' in options.target ? undefined : options.target;
  const url = inline === undefined ? urlOf(target) : inline.url;
  const protocol = inline === undefined ? protocolOf(target, url) : inline.protocol;
  const setup: SinkMetricsOptions = {
    meterProvider: options.meterProvider,
    type: 'logweave.otlp_sink',
    exporterType: protocol === undefined ? 'logweave.otlp_sink' : EXPORTER_TYPES[protocol],
    name: options.name,
  };
  if (url !== undefined && url.hostname !== '') {
    setup.serverAddress = url.hostname.replace(/^\[|\]$/g, '');
    setup.serverPort = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  }
  return sinkMetrics(setup);
}

/** The endpoint of an otlpTarget given as target; undefined for a composite or a target of another kind. */
function urlOf(target: Target): URL | undefined {
  const url = (target as Partial<OtlpTarget>).url;
  return typeof url === 'string' && URL.canParse(url) ? new URL(url) : undefined;
}

/** A given otlpTarget's protocol: OTLP/HTTP posts to a `/v1/logs` URL, gRPC does not. */
function protocolOf(target: Target, url: URL | undefined): OtlpProtocol | undefined {
  if (url === undefined) return undefined;
  if (target.encoding === 'json') return 'http/json';
  return url.pathname.endsWith('/v1/logs') ? 'http/protobuf' : 'grpc';
}

function encoderFor(encoder: 'logweave' | 'official', target: Target, filter: ValueFilter | undefined): LogsEncoder {
  if (encoder === 'official') return officialEncoder(target.encoding);
  const options = filter === undefined ? {} : { filter };
  return target.encoding === 'json' ? jsonEncoder(options) : protobufEncoder(options);
}
