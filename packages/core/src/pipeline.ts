import type { Context } from '@opentelemetry/api';
import { ErrorReporter } from './error-reporter.ts';
import { PipelineCounters, type PipelineStats } from './internal/counters.ts';
import { leaveFiltersToSinks } from './internal/leave-to-sinks.ts';
import { componentAttributes, logweaveMeter } from './metrics/meter.ts';
import { COMPONENT_PIPELINE } from './metrics/names.ts';
import { PipelineMetrics } from './metrics/pipeline-metrics.ts';
import { disabledPipeline } from './disabled-pipeline.ts';
import { readSdkDisabled, useLogLevelFromEnv } from './env.ts';
import { settleAll } from './settle-all.ts';
import { resolvePipelineOptions, type PipelineOptions } from './options.ts';
import { DROP, HOLD, type Stage } from './stage.ts';
import type { EnabledOptions, LogRecordLike, Sink } from './types.ts';

export interface Pipeline extends Sink {
  /** False when a stage says such a record would be dropped, or no sink would take it. */
  enabled(options: EnabledOptions): boolean;
  /** A snapshot of the pipeline's counters. */
  stats(): PipelineStats;
}

/** Drop reason of a record emitted after `shutdown()`. */
export const AFTER_SHUTDOWN = 'after-shutdown';

/**
 * A LogRecordProcessor that runs `stages` in order on each record and hands the records that
 * survive to its sink(s). Register it as the provider's only processor.
 */
export function pipeline(options: PipelineOptions): Pipeline {
  useLogLevelFromEnv();
  // OTEL_SDK_DISABLED=true: the SDK is a no-op, and so is the processor logweave adds to it.
  if (readSdkDisabled()) return disabledPipeline(resolvePipelineOptions(options));
  return new PipelineProcessor(options);
}

class PipelineProcessor implements Pipeline {
  readonly #stages: Stage[];
  readonly #stageNames: string[];
  readonly #sinks: Sink[];
  readonly #errors: ErrorReporter;
  readonly #counters = new PipelineCounters();
  readonly #metrics: PipelineMetrics;
  #shutdown: Promise<void> | undefined;

  constructor(options: PipelineOptions) {
    const resolved = resolvePipelineOptions(options);
    this.#stages = resolved.stages;
    this.#stageNames = resolved.stageNames;
    this.#sinks = resolved.sinks;
    leaveFiltersToSinks(this.#stages, this.#sinks);
    this.#errors = new ErrorReporter(resolved.name);
    this.#metrics = new PipelineMetrics(
      logweaveMeter(resolved.meterProvider),
      componentAttributes(COMPONENT_PIPELINE, resolved.componentName),
      resolved.stageNames,
    );
    this.#stages.forEach((stage, index) => {
      stage.start?.({
        forward: (record, context) => {
          this.#counters.injected++;
          this.#runFrom(index + 1, record, context);
        },
        discard: (reason, count = 1) => this.#discard(index, reason, count),
      });
    });
  }

  onEmit(record: LogRecordLike, context?: Context): void {
    this.#counters.received++;
    this.#metrics.created();
    if (this.#shutdown !== undefined) {
      this.#counters.drop(AFTER_SHUTDOWN);
      this.#metrics.afterShutdown();
      return;
    }
    this.#runFrom(0, record, context);
  }

  enabled(options: EnabledOptions): boolean {
    if (this.#shutdown !== undefined) return false;
    for (let i = 0; i < this.#stages.length; i++) {
      const stage = this.#stages[i]!;
      if (stage.enabled === undefined) continue;
      try {
        if (!stage.enabled(options)) return false;
      } catch (error) {
        this.#errors.report(`stage ${this.#stageNames[i]!} enabled()`, error);
      }
    }
    return this.#sinks.some((sink) => this.#sinkEnabled(sink, options));
  }

  stats(): PipelineStats {
    return this.#counters.snapshot();
  }

  async forceFlush(): Promise<void> {
    // In order: a stage that releases held records on flush sends them through the stages after it.
    for (let i = 0; i < this.#stages.length; i++) {
      await this.#settleStage(i, 'forceFlush');
    }
    await settleAll(this.#sinks.map((sink) => sink.forceFlush()));
  }

  shutdown(): Promise<void> {
    this.#shutdown ??= this.#shutDownInOrder();
    return this.#shutdown;
  }

  async #shutDownInOrder(): Promise<void> {
    for (let i = 0; i < this.#stages.length; i++) {
      await this.#settleStage(i, 'shutdown');
    }
    await settleAll(this.#sinks.map((sink) => sink.shutdown()));
  }

  #runFrom(first: number, record: LogRecordLike, context: Context | undefined): void {
    for (let i = first; i < this.#stages.length; i++) {
      let outcome: unknown;
      try {
        outcome = this.#stages[i]!.process(record, context);
      } catch (error) {
        this.#counters.stageError(this.#stageNames[i]!);
        this.#errors.report(`stage ${this.#stageNames[i]!}`, error);
        continue;
      }
      if (outcome === DROP) {
        this.#counters.drop(this.#stageNames[i]!);
        this.#metrics.filtered(i);
        return;
      }
      if (outcome === HOLD) {
        this.#counters.held++;
        return;
      }
    }
    this.#toSinks(record, context);
  }

  #toSinks(record: LogRecordLike, context: Context | undefined): void {
    this.#counters.forwarded++;
    this.#metrics.forwarded();
    for (let i = 0; i < this.#sinks.length; i++) {
      try {
        this.#sinks[i]!.onEmit(record, context);
      } catch (error) {
        this.#counters.sinkError(i);
        this.#errors.report(`sink[${i}]`, error);
      }
    }
  }

  /** A held record let go comes back into the count as injected, then dropped: the balance holds. */
  #discard(stage: number, reason: string, count: number): void {
    if (!(count > 0)) return;
    this.#counters.injected += count;
    this.#counters.drop(this.#stageNames[stage]!, count);
    this.#metrics.discarded(stage, reason, count);
  }

  #sinkEnabled(sink: Sink, options: EnabledOptions): boolean {
    try {
      return sink.enabled?.(options) ?? true;
    } catch (error) {
      this.#errors.report('sink enabled()', error);
      return true;
    }
  }

  async #settleStage(index: number, step: 'forceFlush' | 'shutdown'): Promise<void> {
    try {
      await this.#stages[index]![step]?.();
    } catch (error) {
      this.#errors.report(`stage ${this.#stageNames[index]!} ${step}()`, error);
    }
  }
}
