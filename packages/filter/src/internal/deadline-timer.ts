/**
 * One timer for a queue of deadlines kept in time order: it is armed for the earliest and, when
 * it fires, the owner releases what is due and arms it for the next. Unref'd, so pending windows
 * never keep the process alive; `shutdown()` releases them instead.
 */
export class DeadlineTimer {
  readonly #onDue: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #at = Infinity;

  constructor(onDue: () => void) {
    this.#onDue = onDue;
  }

  /** Fires at `at` (ms since the epoch), unless already armed for an earlier time. */
  armAt(at: number, now: number): void {
    if (this.#timer !== undefined && this.#at <= at) return;
    this.cancel();
    this.#at = at;
    this.#timer = setTimeout(this.#fire, Math.max(0, at - now));
    this.#timer.unref();
  }

  cancel(): void {
    if (this.#timer === undefined) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#at = Infinity;
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    this.#at = Infinity;
    this.#onDue();
  };
}
