import type { Tally } from './scanner.ts';

export interface RedactStats {
  /** Records in which at least one value was redacted. */
  redactedRecords: number;
  /**
   * Redactions by reason: a pattern name (built-in or custom), `key` (deny list), `not-allowed`
   * (allow-list mode), or, for values replaced whole, `unsupported` (not plain data), `depth`, `cycle`.
   */
  redactions: Record<string, number>;
  /** Values whose walk threw; each was replaced whole by the mask. */
  failures: number;
  /** Records dropped because a redacted value could not be written back (the pipeline counts them under the stage name too). */
  dropped: number;
}

/** Counts the redactions of the current record and of the stage's lifetime. */
export class RedactCounters implements Tally {
  /** Redactions in the record being processed. */
  current = 0;
  redactedRecords = 0;
  failures = 0;
  dropped = 0;
  /** Keyed by reason: built-in and custom pattern names and a few fixed reasons, so bounded. */
  readonly #byReason = new Map<string, number>();

  add(reason: string): void {
    this.current++;
    this.#byReason.set(reason, (this.#byReason.get(reason) ?? 0) + 1);
  }

  failure(): void {
    this.current++;
    this.failures++;
  }

  snapshot(): RedactStats {
    return {
      redactedRecords: this.redactedRecords,
      redactions: Object.fromEntries(this.#byReason),
      failures: this.failures,
      dropped: this.dropped,
    };
  }
}
