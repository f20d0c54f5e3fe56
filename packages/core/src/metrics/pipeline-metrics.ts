import type { Attributes, Counter, Meter } from '@opentelemetry/api';
import {
  ATTR_DROP_REASON,
  ATTR_ERROR_TYPE,
  ATTR_STAGE_NAME,
  DROP_REASON_FILTERED,
  ERROR_ALREADY_SHUTDOWN,
  METRIC_LOG_CREATED,
  METRIC_PROCESSOR_LOG_PROCESSED,
  METRIC_STAGE_DROPPED,
  UNIT_LOG_RECORD,
} from './names.ts';

/**
 * The self-metrics of one pipeline. Instruments and attribute sets are made once here, so the
 * hot path only calls `counter.add` (an empty function on the API's no-op meter).
 */
export class PipelineMetrics {
  readonly #created: Counter;
  readonly #processed: Counter;
  readonly #dropped: Counter;
  readonly #component: Attributes;
  readonly #afterShutdown: Attributes;
  /** `logweave.stage.dropped` attributes of a DROP returned by each stage. */
  readonly #filtered: Attributes[];
  readonly #discarded = new Map<string, Attributes>();
  readonly #stageNames: readonly string[];

  constructor(meter: Meter, component: Attributes, stageNames: readonly string[]) {
    this.#created = meter.createCounter(METRIC_LOG_CREATED, {
      unit: UNIT_LOG_RECORD,
      description: 'The number of log records submitted to an enabled Logger (counted where the logweave pipeline receives them).',
    });
    this.#processed = meter.createCounter(METRIC_PROCESSOR_LOG_PROCESSED, {
      unit: UNIT_LOG_RECORD,
      description: 'The number of log records for which the processing has finished, either successful or failed.',
    });
    this.#dropped = meter.createCounter(METRIC_STAGE_DROPPED, {
      unit: UNIT_LOG_RECORD,
      description: 'Log records a pipeline stage dropped, by stage and reason.',
    });
    this.#component = component;
    this.#afterShutdown = { ...component, [ATTR_ERROR_TYPE]: ERROR_ALREADY_SHUTDOWN };
    this.#stageNames = stageNames;
    this.#filtered = stageNames.map((stage) => this.#dropAttributes(stage, DROP_REASON_FILTERED));
  }

  created(): void {
    this.#created.add(1);
  }

  /** Handed to the sinks: the pipeline's handling is complete. */
  forwarded(): void {
    this.#processed.add(1, this.#component);
  }

  /** Stopped by a stage's DROP: an intended outcome, so processed without `error.type`. */
  filtered(stage: number): void {
    this.#processed.add(1, this.#component);
    this.#dropped.add(1, this.#filtered[stage]);
  }

  /** Held by a stage, then let go without release (rare: attribute sets are cached by reason). */
  discarded(stage: number, reason: string, count: number): void {
    const stageName = this.#stageNames[stage]!;
    const key = `${stageName}\u0000${reason}`;
    let attributes = this.#discarded.get(key);
    if (attributes === undefined) {
      attributes = this.#dropAttributes(stageName, reason);
      this.#discarded.set(key, attributes);
    }
    this.#processed.add(count, this.#component);
    this.#dropped.add(count, attributes);
  }

  afterShutdown(): void {
    this.#processed.add(1, this.#afterShutdown);
  }

  #dropAttributes(stage: string, reason: string): Attributes {
    return { ...this.#component, [ATTR_STAGE_NAME]: stage, [ATTR_DROP_REASON]: reason };
  }
}
