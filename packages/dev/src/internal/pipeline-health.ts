/**
 * The pipeline's own health, summed from the self-metrics logweave exports (OTLP/JSON metrics):
 * the latest value of every series (cumulative sums and gauges) or their running total (delta sums).
 */
export interface PipelineHealth {
  /** `otel.sdk.log.created`: records the pipelines received. */
  created: number;
  /**
   * `otel.sdk.processor.log.processed` of the pipelines (component type `logweave.pipeline`)
   * without / with `error.type`: a sink's queue reports the same name for the records it
   * finished, which would count them twice.
   */
  processed: number;
  failed: number;
  /** `logweave.stage.dropped` by `<stage>/<reason>`, `logweave.sink.dropped` by `sink/<reason>`. */
  dropped: Record<string, number>;
  /** `otel.sdk.processor.log.queue.size` / `.capacity`, over every sink. */
  queue: { size: number; capacity: number };
  /** `otel.sdk.exporter.log.exported` without / with `error.type`, and `.inflight`. */
  exported: number;
  exportFailed: number;
  inflight: number;
  /** `logweave.exporter.retries`. */
  retries: number;
  /** `logweave.durable.backlog.size` (bytes) and the oldest `.age` (seconds). */
  backlog: { bytes: number; ageSeconds: number };
}

export interface MetricPoint {
  name: string;
  attributes: Record<string, unknown>;
  value: number;
  /** Delta sums add up; cumulative sums and gauges replace. */
  delta: boolean;
}

/** The `otel.component.type` logweave's pipelines report under. */
const PIPELINE_COMPONENT_TYPE = 'logweave.pipeline';

/** Series at most: a misbehaving exporter must not grow the receiver without bound. */
const MAX_SERIES = 10_000;

export class HealthStore {
  readonly #series = new Map<string, MetricPoint>();

  get empty(): boolean {
    return this.#series.size === 0;
  }

  add(points: readonly MetricPoint[]): void {
    for (const point of points) {
      if (!point.name.startsWith('otel.sdk.') && !point.name.startsWith('logweave.')) continue;
      const key = `${point.name}\u0000${JSON.stringify(point.attributes)}`;
      const known = this.#series.get(key);
      if (known !== undefined && point.delta) known.value += point.value;
      else if (known !== undefined || this.#series.size < MAX_SERIES) this.#series.set(key, { ...point });
    }
  }

  summary(): PipelineHealth {
    const health: PipelineHealth = {
      created: 0, processed: 0, failed: 0, dropped: {}, queue: { size: 0, capacity: 0 },
      exported: 0, exportFailed: 0, inflight: 0, retries: 0, backlog: { bytes: 0, ageSeconds: 0 },
    };
    for (const point of this.#series.values()) addPoint(health, point);
    return health;
  }
}

function addPoint(h: PipelineHealth, { name, attributes, value }: MetricPoint): void {
  const failed = attributes['error.type'] !== undefined;
  switch (name) {
    case 'otel.sdk.log.created': h.created += value; break;
    case 'otel.sdk.processor.log.processed':
      if (attributes['otel.component.type'] !== PIPELINE_COMPONENT_TYPE) break;
      if (failed) h.failed += value;
      else h.processed += value;
      break;
    case 'otel.sdk.processor.log.queue.size': h.queue.size += value; break;
    case 'otel.sdk.processor.log.queue.capacity': h.queue.capacity += value; break;
    case 'otel.sdk.exporter.log.exported': if (failed) h.exportFailed += value; else h.exported += value; break;
    case 'otel.sdk.exporter.log.inflight': h.inflight += value; break;
    case 'logweave.exporter.retries': h.retries += value; break;
    case 'logweave.durable.backlog.size': h.backlog.bytes += value; break;
    case 'logweave.durable.backlog.age': h.backlog.ageSeconds = Math.max(h.backlog.ageSeconds, value); break;
    case 'logweave.stage.dropped': addDrop(h, `${String(attributes['logweave.stage.name'])}/${String(attributes['logweave.drop.reason'])}`, value); break;
    case 'logweave.sink.dropped': addDrop(h, `sink/${String(attributes['logweave.drop.reason'])}`, value); break;
  }
}

function addDrop(h: PipelineHealth, key: string, value: number): void {
  h.dropped[key] = (h.dropped[key] ?? 0) + value;
}

/** One terminal line: what a developer glances at beside the records. */
export function healthLine(h: PipelineHealth): string {
  const dropped = Object.entries(h.dropped).map(([k, v]) => `${k} ${v}`).join(', ');
  const parts = [
    `created ${h.created}`,
    `processed ${h.processed}${h.failed > 0 ? ` (${h.failed} failed)` : ''}`,
    `dropped ${dropped === '' ? 0 : dropped}`,
    `queue ${h.queue.size}/${h.queue.capacity}`,
    `exported ${h.exported}${h.exportFailed > 0 ? ` (${h.exportFailed} failed)` : ''}`,
  ];
  if (h.retries > 0) parts.push(`retries ${h.retries}`);
  if (h.backlog.bytes > 0) parts.push(`backlog ${h.backlog.bytes} B, oldest ${h.backlog.ageSeconds} s`);
  return `logweave dev: health: ${parts.join(' · ')}`;
}
