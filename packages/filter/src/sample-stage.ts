import { DROP, type Drop, type EnabledOptions, type LogRecordLike, type Stage } from '@logweave/core';
import { BUFFER_RELEASED } from './buffer-until-error-stage.ts';
import { hash32 } from './internal/hash.ts';
import { keepTrace, threshold56, type Threshold56 } from './internal/trace-randomness.ts';
import { resolveSampleOptions, type ResolvedSample, type SampleOptions } from './options.ts';

export interface SampleStats {
  /** Records kept, by what decided (`released`: marked by bufferUntilError, kept as its failing context's story). */
  kept: { severity: number; released: number; trace: number; attribute: number; unkeyed: number };
  /** Records dropped, by what decided: their trace, their attribute's hash, or (no key) chance or policy. */
  dropped: { trace: number; attribute: number; unkeyed: number };
}

export interface SampleStage extends Stage {
  stats(): SampleStats;
  /**
   * The decision this stage would take on `record`, without counting it: for `bufferUntilError`'s
   * `passWhen`, so records of kept traces are not held. Random for unkeyed records.
   */
  keeps(record: LogRecordLike): boolean;
}

/**
 * Keeps `ratio` of the records below `keepAtLeast`, consistently: every record of a kept trace is
 * kept (the same traces an OTel consistent probability sampler at that ratio keeps), and records
 * without a trace are decided by a stable hash of `attribute`.
 */
export function sample(options: SampleOptions): SampleStage {
  return new Sample(resolveSampleOptions(options));
}

class Sample implements SampleStage {
  readonly name: string;
  readonly #options: ResolvedSample;
  readonly #traceThreshold: Threshold56;
  /** Keep when the attribute's 32-bit hash is at least this: `(1 - ratio) * 2^32`. */
  readonly #hashThreshold: number;
  readonly #kept = { severity: 0, released: 0, trace: 0, attribute: 0, unkeyed: 0 };
  readonly #dropped = { trace: 0, attribute: 0, unkeyed: 0 };

  constructor(options: ResolvedSample) {
    this.#options = options;
    this.name = options.name;
    this.#traceThreshold = threshold56(options.ratio);
    this.#hashThreshold = 2 ** 32 - Math.round(options.ratio * 2 ** 32);
  }

  process(record: LogRecordLike): void | Drop {
    if ((record.severityNumber ?? 0) >= this.#options.keepAtLeast) {
      this.#kept.severity++;
      return;
    }
    if (record.attributes[BUFFER_RELEASED] === true) {
      this.#kept.released++;
      return;
    }
    const byTrace = keepTrace(record.spanContext, this.#traceThreshold);
    if (byTrace !== undefined) return this.#decide('trace', byTrace);
    const value = this.#attributeValue(record);
    if (value !== undefined) return this.#decide('attribute', this.#keepsValue(value));
    return this.#decide('unkeyed', this.#keepsUnkeyed());
  }

  keeps(record: LogRecordLike): boolean {
    if ((record.severityNumber ?? 0) >= this.#options.keepAtLeast) return true;
    const byTrace = keepTrace(record.spanContext, this.#traceThreshold);
    if (byTrace !== undefined) return byTrace;
    const value = this.#attributeValue(record);
    return value !== undefined ? this.#keepsValue(value) : this.#keepsUnkeyed();
  }

  /** With ratio 0 every record below `keepAtLeast` goes, unless unkeyed records are kept. */
  enabled(options: EnabledOptions): boolean {
    const severity = options.severityNumber;
    if (this.#options.ratio > 0 || this.#options.unkeyed === 'keep' || severity === undefined || severity === 0) return true;
    return severity >= this.#options.keepAtLeast;
  }

  stats(): SampleStats {
    return { kept: { ...this.#kept }, dropped: { ...this.#dropped } };
  }

  #attributeValue(record: LogRecordLike): unknown {
    const attribute = this.#options.attribute;
    return attribute === undefined ? undefined : record.attributes[attribute];
  }

  #keepsValue(value: unknown): boolean {
    return hash32(String(value)) >= this.#hashThreshold;
  }

  #keepsUnkeyed(): boolean {
    const unkeyed = this.#options.unkeyed;
    return unkeyed === 'keep' || (unkeyed === 'random' && Math.random() < this.#options.ratio);
  }

  #decide(by: 'trace' | 'attribute' | 'unkeyed', keep: boolean): void | Drop {
    if (keep) {
      this.#kept[by]++;
      return;
    }
    this.#dropped[by]++;
    return DROP;
  }
}
