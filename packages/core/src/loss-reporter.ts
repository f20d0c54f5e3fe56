import { globalErrorHandler } from '@opentelemetry/core';

/** How often a burst of losses or failures is summarised after its first report. */
export const LOSS_REPORT_INTERVAL_MILLIS = 10_000;

/**
 * Tells the OTel global error handler that a component lost records or cannot deliver them,
 * without flooding it: the first occurrence of each reason is reported at once, then one summary
 * per interval gives the counts per reason for as long as the burst lasts. An interval with
 * nothing to say ends the burst, so the next loss is again reported at once.
 */
export class LossReporter {
  readonly #component: string;
  readonly #intervalMillis: number;
  /** Reasons already reported in the current burst. */
  readonly #reported = new Set<string>();
  /** Records lost per reason since the last report. */
  readonly #dropped = new Map<string, number>();
  /** Failures per operation since the last report, with the last error. */
  readonly #failures = new Map<string, { count: number; last: string }>();
  #timer: NodeJS.Timeout | undefined;

  constructor(component: string, intervalMillis = LOSS_REPORT_INTERVAL_MILLIS) {
    this.#component = component;
    this.#intervalMillis = intervalMillis;
  }

  /** `count` records were lost for `reason`; `detail` (never record content) says why. */
  dropped(reason: string, count: number, detail?: string): void {
    if (!(count > 0)) return;
    if (this.#firstOf(reason)) {
      this.#emit(`${count} log records dropped (${reason})${detail === undefined || detail === '' ? '' : `: ${detail}`}`);
      return;
    }
    this.#dropped.set(reason, (this.#dropped.get(reason) ?? 0) + count);
  }

  /**
   * An operation failed and will be tried again (a delivery attempt, a disk write): no record is
   * lost yet, but the user should know while it lasts.
   */
  failing(operation: string, error: string): void {
    if (this.#firstOf(`failing ${operation}`)) {
      this.#emit(`${operation} failing: ${error}`);
      return;
    }
    const failures = this.#failures.get(operation);
    if (failures === undefined) this.#failures.set(operation, { count: 1, last: error });
    else {
      failures.count++;
      failures.last = error;
    }
  }

  /** Reports what the current interval has gathered now (at shutdown, before the process exits). */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#summarise(false);
    this.#reported.clear();
  }

  #firstOf(reason: string): boolean {
    this.#timer ??= this.#startTimer();
    if (this.#reported.has(reason)) return false;
    this.#reported.add(reason);
    return true;
  }

  #startTimer(): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#summarise(true)) this.#timer = this.#startTimer();
      else this.#reported.clear();
    }, this.#intervalMillis);
    timer.unref();
    return timer;
  }

  /** Reports the counts gathered since the last report; false when there were none. */
  #summarise(periodic: boolean): boolean {
    if (this.#dropped.size === 0 && this.#failures.size === 0) return false;
    const parts: string[] = [];
    if (this.#dropped.size > 0) {
      let total = 0;
      const reasons: string[] = [];
      for (const [reason, n] of this.#dropped) {
        total += n;
        reasons.push(`${reason}: ${n}`);
      }
      parts.push(`${total} log records dropped (${reasons.join(', ')})`);
    }
    for (const [operation, { count, last }] of this.#failures) parts.push(`${operation} failed ${count} times (last: ${last})`);
    const since = periodic ? `in the last ${this.#intervalMillis / 1000} s` : 'since the last report';
    this.#emit(`${since}: ${parts.join('; ')}`);
    this.#dropped.clear();
    this.#failures.clear();
    return true;
  }

  #emit(message: string): void {
    try {
      globalErrorHandler(new Error(`logweave ${this.#component}: ${message}`));
    } catch {
      // A throwing error handler must not turn a counted loss into an application crash.
    }
  }
}
