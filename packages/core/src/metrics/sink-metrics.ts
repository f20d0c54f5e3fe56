import type { Attributes, Counter, Histogram, Meter, MeterProvider, UpDownCounter } from '@opentelemetry/api';
import { assertMeterProvider, componentAttributes, logweaveMeter } from './meter.ts';
import * as n from './names.ts';

export interface SinkMetricsOptions {
  /** Where the metrics go. @default the global MeterProvider registered when the sink is built */
  meterProvider?: MeterProvider | undefined;
  /** `otel.component.type` of the sink's queue side (processor metrics), e.g. `logweave.otlp_sink`. */
  type: string;
  /** `otel.component.type` of its sending side (exporter metrics), e.g. `otlp_http_log_exporter`. @default type */
  exporterType?: string;
  /** `otel.component.name`. @default `<type>/<n>`, n counting instances of the type from 0 */
  name?: string;
  /** `server.address` and `server.port` of exporter metrics, when the sink sends to one endpoint. */
  serverAddress?: string;
  serverPort?: number;
}

/** What an export operation ended with; leave `errorType` out for a full success. */
export interface ExportOutcome {
  errorType?: string | undefined;
  httpStatusCode?: number | undefined;
  rpcStatusCode?: number | undefined;
}

export interface SinkMetrics {
  /** Records the sink took in (`errorType` omitted) or gave up at once (`queue_full`, `already_shutdown`…). */
  processed(count: number, errorType?: string): void;
  /** Records the sink dropped later, by reason (`logweave.sink.dropped`): retries exhausted, durable log full… */
  dropped(count: number, reason: string): void;
  /** Reads queue size and capacity at each collection (`otel.sdk.processor.log.queue.*`). */
  observeQueue(read: () => { size: number; capacity: number }): void;
  /** A batch of `count` records handed to the target: in flight until exportFinished. */
  exportStarted(count: number): void;
  /** One observation per export operation, retries and backoff included, as the conventions ask. */
  exportFinished(count: number, durationSeconds: number, outcome?: ExportOutcome): void;
  /** One more attempt of an export operation (`logweave.exporter.retries`). */
  retried(errorType: string): void;
  /** Reads the durable backlog at each collection (`logweave.durable.backlog.size` / `.age`, `.records` when given). */
  observeBacklog(read: () => { bytes: number; ageSeconds: number; records?: number }): void;
}

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/**
 * Self-metrics for a sink, under the semantic conventions' names. Build it once, when the sink is
 * built; its methods are cheap (`add`/`record` on instruments made here) and never throw.
 */
export function sinkMetrics(options: SinkMetricsOptions): SinkMetrics {
  if (options === null || typeof options !== 'object' || typeof options.type !== 'string' || options.type === '') {
    throw new TypeError('sinkMetrics: options.type must name the component type');
  }
  assertMeterProvider('sinkMetrics', options.meterProvider);
  return new SinkInstruments(options);
}

class SinkInstruments implements SinkMetrics {
  readonly #meter: Meter;
  readonly #processor: Attributes;
  readonly #exporter: Attributes;
  readonly #processed: Counter;
  readonly #dropped: Counter;
  readonly #inflight: UpDownCounter;
  readonly #exported: Counter;
  readonly #duration: Histogram;
  readonly #retries: Counter;

  constructor(options: SinkMetricsOptions) {
    const meter = (this.#meter = logweaveMeter(options.meterProvider));
    this.#processor = componentAttributes(options.type, options.name);
    const server: Attributes = {};
    if (options.serverAddress !== undefined) server[n.ATTR_SERVER_ADDRESS] = options.serverAddress;
    if (options.serverPort !== undefined) server[n.ATTR_SERVER_PORT] = options.serverPort;
    this.#exporter = {
      ...componentAttributes(options.exporterType ?? options.type, options.name),
      ...server,
    };
    const records = { unit: n.UNIT_LOG_RECORD };
    this.#processed = meter.createCounter(n.METRIC_PROCESSOR_LOG_PROCESSED, records);
    this.#dropped = meter.createCounter(n.METRIC_SINK_DROPPED, { ...records, description: 'Log records a sink dropped after taking them in, by reason.' });
    this.#inflight = meter.createUpDownCounter(n.METRIC_EXPORTER_LOG_INFLIGHT, records);
    this.#exported = meter.createCounter(n.METRIC_EXPORTER_LOG_EXPORTED, records);
    this.#duration = meter.createHistogram(n.METRIC_EXPORTER_OPERATION_DURATION, {
      unit: n.UNIT_SECONDS,
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    });
    this.#retries = meter.createCounter(n.METRIC_EXPORTER_RETRIES, { unit: '{retry}', description: 'Export attempts after the first.' });
  }

  processed(count: number, errorType?: string): void {
    this.#processed.add(count, errorType === undefined ? this.#processor : { ...this.#processor, [n.ATTR_ERROR_TYPE]: errorType });
  }

  dropped(count: number, reason: string): void {
    this.#dropped.add(count, { ...this.#processor, [n.ATTR_DROP_REASON]: reason });
  }

  observeQueue(read: () => { size: number; capacity: number }): void {
    const size = this.#meter.createObservableUpDownCounter(n.METRIC_PROCESSOR_LOG_QUEUE_SIZE, { unit: n.UNIT_LOG_RECORD });
    const capacity = this.#meter.createObservableUpDownCounter(n.METRIC_PROCESSOR_LOG_QUEUE_CAPACITY, { unit: n.UNIT_LOG_RECORD });
    this.#meter.addBatchObservableCallback((result) => {
      const queue = read();
      result.observe(size, queue.size, this.#processor);
      result.observe(capacity, queue.capacity, this.#processor);
    }, [size, capacity]);
  }

  exportStarted(count: number): void {
    this.#inflight.add(count, this.#exporter);
  }

  exportFinished(count: number, durationSeconds: number, outcome: ExportOutcome = {}): void {
    this.#inflight.add(-count, this.#exporter);
    const attributes = outcomeAttributes(this.#exporter, outcome);
    this.#exported.add(count, outcome.errorType === undefined ? this.#exporter : { ...this.#exporter, [n.ATTR_ERROR_TYPE]: outcome.errorType });
    this.#duration.record(durationSeconds, attributes);
  }

  retried(errorType: string): void {
    this.#retries.add(1, { ...this.#exporter, [n.ATTR_ERROR_TYPE]: errorType });
  }

  observeBacklog(read: () => { bytes: number; ageSeconds: number; records?: number }): void {
    const bytes = this.#meter.createObservableGauge(n.METRIC_DURABLE_BACKLOG_SIZE, {
      unit: n.UNIT_BYTES,
      description: 'Bytes in the durable log not yet acknowledged by the receiver.',
    });
    const age = this.#meter.createObservableGauge(n.METRIC_DURABLE_BACKLOG_AGE, {
      unit: n.UNIT_SECONDS,
      description: 'Age of the oldest record in the durable log not yet acknowledged.',
    });
    const records = this.#meter.createObservableGauge(n.METRIC_DURABLE_BACKLOG_RECORDS, {
      unit: n.UNIT_LOG_RECORD,
      description: 'Log records in the durable log not yet acknowledged by the receiver.',
    });
    this.#meter.addBatchObservableCallback((result) => {
      const backlog = read();
      result.observe(bytes, backlog.bytes, this.#processor);
      result.observe(age, backlog.ageSeconds, this.#processor);
      if (backlog.records !== undefined) result.observe(records, backlog.records, this.#processor);
    }, [bytes, age, records]);
  }
}

function outcomeAttributes(exporter: Attributes, outcome: ExportOutcome): Attributes {
  const attributes: Attributes = { ...exporter };
  if (outcome.errorType !== undefined) attributes[n.ATTR_ERROR_TYPE] = outcome.errorType;
  if (outcome.httpStatusCode !== undefined) attributes[n.ATTR_HTTP_RESPONSE_STATUS_CODE] = outcome.httpStatusCode;
  if (outcome.rpcStatusCode !== undefined) attributes[n.ATTR_RPC_STATUS_CODE] = outcome.rpcStatusCode;
  return attributes;
}
