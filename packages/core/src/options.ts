import type { MeterProvider } from '@opentelemetry/api';
import { assertMeterProvider } from './metrics/meter.ts';
import type { Stage } from './stage.ts';
import type { Sink } from './types.ts';

export interface PipelineOptions {
  /**
   * Stages run in this order on every record.
   * @default []
   */
  stages?: readonly Stage[];
  /** Where surviving records go; with several sinks each gets every record. */
  sink: Sink | readonly Sink[];
  /**
   * Names the pipeline in error reports.
   * @default 'pipeline'
   */
  name?: string;
  /**
   * Where the pipeline's self-metrics go (`otel.sdk.log.created`, `otel.sdk.processor.log.processed`,
   * `logweave.stage.dropped`); the pipeline's name is their `otel.component.name` when given.
   * @default the global MeterProvider registered when the pipeline is built (a no-op when none is)
   */
  meterProvider?: MeterProvider;
}

export interface ResolvedPipelineOptions {
  stages: Stage[];
  /** The drop reason of each stage: its name, made unique. */
  stageNames: string[];
  sinks: Sink[];
  name: string;
  /** The name given, if any: the pipeline's `otel.component.name`. */
  componentName: string | undefined;
  meterProvider: MeterProvider | undefined;
}

export function resolvePipelineOptions(options: PipelineOptions): ResolvedPipelineOptions {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('pipeline: options must be an object with at least a sink');
  }
  const stages = options.stages ?? [];
  if (!Array.isArray(stages)) throw new TypeError('pipeline: stages must be an array of stages');
  stages.forEach(assertStage);
  const sinks: Sink[] = Array.isArray(options.sink) ? [...options.sink] : [options.sink as Sink];
  if (sinks.length === 0) throw new TypeError('pipeline: sink must be a sink or a non-empty array of sinks');
  sinks.forEach(assertSink);
  const name = options.name ?? 'pipeline';
  if (typeof name !== 'string' || name === '') throw new TypeError('pipeline: name must be a non-empty string');
  assertMeterProvider('pipeline', options.meterProvider);
  return {
    stages: [...stages],
    stageNames: uniqueNames(stages),
    sinks,
    name,
    componentName: options.name,
    meterProvider: options.meterProvider,
  };
}

function assertStage(stage: unknown, index: number): asserts stage is Stage {
  const s = stage as Partial<Stage> | null;
  if (s === null || typeof s !== 'object' || typeof s.name !== 'string' || s.name === '' || typeof s.process !== 'function') {
    throw new TypeError(`pipeline: stages[${index}] must be a stage: an object with a name and a process(record, context) function`);
  }
}

function assertSink(sink: unknown, index: number): asserts sink is Sink {
  const s = sink as Partial<Sink> | null;
  const ok = s !== null && typeof s === 'object' &&
    typeof s.onEmit === 'function' && typeof s.forceFlush === 'function' && typeof s.shutdown === 'function';
  if (!ok) {
    throw new TypeError(`pipeline: sink[${index}] must be a LogRecordProcessor (onEmit, forceFlush, shutdown)`);
  }
}

/** Two `keep` stages must not share one drop counter: the second counts as `keep#2`. */
function uniqueNames(stages: readonly Stage[]): string[] {
  const seen = new Map<string, number>();
  return stages.map((stage) => {
    const n = (seen.get(stage.name) ?? 0) + 1;
    seen.set(stage.name, n);
    return n === 1 ? stage.name : `${stage.name}#${n}`;
  });
}
