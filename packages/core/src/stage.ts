import type { Context } from '@opentelemetry/api';
import type { EnabledOptions, LogRecordLike } from './types.ts';
import type { ValueFilter } from './value-filter.ts';

/** Returned by a stage to stop a record: it goes no further and is counted under the stage's name. */
export const DROP: unique symbol = Symbol.for('logweave.drop');
export type Drop = typeof DROP;

/**
 * Returned by a stage that keeps the record (a copy: see copyRecord) to release it later through
 * its host, as dedupe does: the record goes no further now and is counted as held, not dropped.
 */
export const HOLD: unique symbol = Symbol.for('logweave.hold');
export type Hold = typeof HOLD;

/** Handed to a stage when the pipeline starts, for stages that release records later (dedupe, summaries). */
export interface StageHost {
  /** Sends a record through the stages after this one, then to the sinks. */
  forward(record: LogRecordLike, context?: Context): void;
  /**
   * Counts `count` held records the stage let go without releasing them (aged out, overflowed):
   * dropped under the stage's name in `stats().droppedBy`, and under `reason` in self-metrics.
   */
  discard(reason: string, count?: number): void;
}

/**
 * One step of a pipeline. `process` runs synchronously for every record, may mutate it through
 * the SDK setters, and returns DROP to stop it or HOLD to keep it for later.
 */
export interface Stage {
  /** Names the stage in `stats()` drop reasons and in error reports. */
  readonly name: string;
  process(record: LogRecordLike, context: Context | undefined): void | Drop | Hold;
  /** Answers the SDK's `Logger.enabled()`: false when every such record would be dropped. */
  enabled?(options: EnabledOptions): boolean;
  start?(host: StageHost): void;
  /**
   * Work the stage can leave to the sinks, where data leaves the process (redaction of each
   * string in the same read that writes it). When every sink of the pipeline applies it
   * (Sink.applyValueFilter), the pipeline hands it to them at set-up and calls `leftToSinks()`:
   * from then on the stage does only what must be decided at emit time.
   */
  readonly valueFilter?: ValueFilter;
  leftToSinks?(): void;
  forceFlush?(): Promise<void>;
  shutdown?(): Promise<void>;
}
