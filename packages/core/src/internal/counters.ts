/** Counters of one pipeline: `received + injected = forwarded + dropped + held`. */
export interface PipelineStats {
  /** Records the SDK handed to the pipeline. */
  received: number;
  /** Records created or released later by stages (dedupe summaries, rate-limit summaries). */
  injected: number;
  /**
   * Records a stage kept to release later (a dedupe window, a buffered context); each release
   * counts as injected, and each discard as injected and dropped.
   */
  held: number;
  /** Records handed to the sinks. */
  forwarded: number;
  /** Records stopped, in all. */
  dropped: number;
  /** Records stopped, by reason: the name of the stage that dropped them, or `after-shutdown`. */
  droppedBy: Record<string, number>;
  /** Exceptions thrown by stages, by stage name; the record went on unchanged. */
  stageErrors: Record<string, number>;
  /** Exceptions thrown by a sink's onEmit, by sink index. */
  sinkErrors: Record<string, number>;
}

export class PipelineCounters {
  received = 0;
  injected = 0;
  held = 0;
  forwarded = 0;
  readonly #droppedBy = new Map<string, number>();
  readonly #stageErrors = new Map<string, number>();
  readonly #sinkErrors = new Map<string, number>();

  drop(reason: string, count = 1): void {
    increment(this.#droppedBy, reason, count);
  }

  stageError(stage: string): void {
    increment(this.#stageErrors, stage);
  }

  sinkError(index: number): void {
    increment(this.#sinkErrors, String(index));
  }

  snapshot(): PipelineStats {
    const droppedBy = Object.fromEntries(this.#droppedBy);
    return {
      received: this.received,
      injected: this.injected,
      held: this.held,
      forwarded: this.forwarded,
      dropped: Object.values(droppedBy).reduce((sum, n) => sum + n, 0),
      droppedBy,
      stageErrors: Object.fromEntries(this.#stageErrors),
      sinkErrors: Object.fromEntries(this.#sinkErrors),
    };
  }
}

function increment(map: Map<string, number>, key: string, count = 1): void {
  map.set(key, (map.get(key) ?? 0) + count);
}
