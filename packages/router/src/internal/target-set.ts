import type { AttemptResult, BatchTarget } from '@logweave/otlp';
import type { LogRecordLike } from '@logweave/core';

export interface TargetStats {
  name: string;
  attempts: number;
  failures: number;
  /** False while the target is cooling down after a failure. */
  healthy: boolean;
}

interface TargetState {
  target: BatchTarget;
  attempts: number;
  failures: number;
  downUntil: number;
}

/**
 * Several OTLP endpoints with their health. A target that fails is skipped for `cooldownMillis`,
 * then tried again first in its turn, so traffic returns to it as soon as it recovers.
 */
export class TargetSet {
  readonly #states: TargetState[];
  readonly #cooldownMillis: number;

  constructor(targets: readonly BatchTarget[], cooldownMillis: number) {
    this.#states = targets.map((target) => ({ target, attempts: 0, failures: 0, downUntil: 0 }));
    this.#cooldownMillis = cooldownMillis;
  }

  get size(): number {
    return this.#states.length;
  }

  /**
   * One round: the targets from `start` on, healthy ones first, until one accepts the batch or
   * refuses it for good. Fails, retryably, only when every target failed.
   */
  async attemptRound(records: readonly LogRecordLike[], signal: AbortSignal, start: number): Promise<AttemptResult> {
    let last: AttemptResult = { ok: false, retryable: true, error: 'no target' };
    for (const state of this.#order(start)) {
      if (signal.aborted) break;
      state.attempts++;
      const result = await state.target.attempt(records, signal);
      if (result.ok) {
        state.downUntil = 0;
        return result;
      }
      state.failures++;
      if (!result.retryable) return result;
      state.downUntil = Date.now() + this.#cooldownMillis;
      last = { ...result, error: `${state.target.name}: ${result.error}` };
    }
    return last;
  }

  stats(): TargetStats[] {
    const now = Date.now();
    return this.#states.map((s) => ({
      name: s.target.name,
      attempts: s.attempts,
      failures: s.failures,
      healthy: s.downUntil <= now,
    }));
  }

  #order(start: number): TargetState[] {
    const now = Date.now();
    const rotated = this.#states.map((_, i) => this.#states[(start + i) % this.#states.length]!);
    return [...rotated.filter((s) => s.downUntil <= now), ...rotated.filter((s) => s.downUntil > now)];
  }
}
