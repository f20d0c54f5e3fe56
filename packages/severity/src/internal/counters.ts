import { SOURCES, type SeveritySource } from '../options.ts';

/** Distinct unmapped values counted by value; later new values are counted under OTHER_VALUES. */
export const MAX_UNKNOWN_VALUES = 100;
/** The key of `unknownValues` that counts the values past the first MAX_UNKNOWN_VALUES distinct ones. */
export const OTHER_VALUES = '<other>';
/** Longer unmapped texts are remembered cut to this length. */
export const MAX_UNKNOWN_LENGTH = 64;

export interface SeverityStats {
  /** Records the stage has seen. */
  records: number;
  /** Records no source could map: they keep or get SeverityNumber UNSPECIFIED (0). */
  unmapped: number;
  /** Mapped records, by the source that decided. */
  bySource: Record<SeveritySource, number>;
  /**
   * The values that could not be mapped (texts cut to 64 characters), with how often each was
   * seen: the first 100 distinct ones, to write `names` or `ranges` from; values seen after
   * those are counted together under '<other>'.
   */
  unknownValues: Record<string, number>;
}

export class SeverityCounters {
  records = 0;
  unmapped = 0;
  /** Indexed like SOURCES. */
  readonly bySource = [0, 0, 0, 0];
  readonly #unknownValues = new Map<string, number>();
  #other = 0;

  /** Counts a record left unmapped; `value` is the first level-like value it carried, if any. */
  countUnmapped(value: unknown): void {
    this.unmapped++;
    if (value === undefined) return;
    const key = typeof value === 'string' ? value.slice(0, MAX_UNKNOWN_LENGTH) : typeof value === 'number' ? String(value) : `<${typeof value}>`;
    const seen = this.#unknownValues.get(key);
    if (seen !== undefined) this.#unknownValues.set(key, seen + 1);
    else if (this.#unknownValues.size < MAX_UNKNOWN_VALUES) this.#unknownValues.set(key, 1);
    else this.#other++;
  }

  snapshot(): SeverityStats {
    return {
      records: this.records,
      unmapped: this.unmapped,
      bySource: Object.fromEntries(SOURCES.map((source, i) => [source, this.bySource[i]!])) as Record<SeveritySource, number>,
      unknownValues: this.#other === 0 ? Object.fromEntries(this.#unknownValues) : { ...Object.fromEntries(this.#unknownValues), [OTHER_VALUES]: this.#other },
    };
  }
}
