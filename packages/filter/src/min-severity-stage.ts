import { DROP, type Drop, type EnabledOptions, type LogRecordLike, type SeverityLevel, type Stage } from '@logweave/core';
import { ScopeLevels } from './internal/scope-levels.ts';
import { resolveMinSeverityOptions, type MinSeverityOptions } from './options.ts';

export interface MinSeverityStats {
  /** Records dropped, by reason. */
  dropped: {
    /** Below the minimum of their scope. */
    belowMinimum: number;
    /** Without a severity number, with `unspecified: 'drop'`. */
    unspecified: number;
  };
  /**
   * Times `enabled()` answered false: the SDK built no record. A caller may ask without
   * emitting, so this counts answers, not records.
   */
  disabledAnswers: number;
}

export interface MinSeverityStage extends Stage {
  stats(): MinSeverityStats;
}

/**
 * Drops records below a minimum severity, globally or per instrumentation scope, and tells the
 * SDK through `enabled()` so that such records are never built.
 */
export function minSeverity(options: SeverityLevel | MinSeverityOptions): MinSeverityStage {
  return new MinSeverity(options);
}

class MinSeverity implements MinSeverityStage {
  readonly name: string;
  readonly #levels: ScopeLevels;
  readonly #uniform: number | undefined;
  readonly #dropUnspecified: boolean;
  readonly #answerEnabled: boolean;
  #belowMinimum = 0;
  #unspecified = 0;
  #disabledAnswers = 0;

  constructor(options: SeverityLevel | MinSeverityOptions) {
    const resolved = resolveMinSeverityOptions(options);
    this.name = resolved.name;
    this.#levels = new ScopeLevels(resolved.defaultMinimum, resolved.rules);
    this.#uniform = this.#levels.uniform ? resolved.defaultMinimum : undefined;
    this.#dropUnspecified = resolved.dropUnspecified;
    this.#answerEnabled = resolved.answerEnabled;
  }

  process(record: LogRecordLike): void | Drop {
    const severity = record.severityNumber;
    if (severity === undefined || severity === 0) {
      if (!this.#dropUnspecified) return;
      this.#unspecified++;
      return DROP;
    }
    if (severity >= (this.#uniform ?? this.#levels.minimumFor(record.instrumentationScope.name))) return;
    this.#belowMinimum++;
    return DROP;
  }

  enabled(options: EnabledOptions): boolean {
    const severity = options.severityNumber;
    // Without a severity the record may still get one from a later stage: only process() can tell.
    if (!this.#answerEnabled || severity === undefined || severity === 0) return true;
    if (severity >= (this.#uniform ?? this.#levels.minimumFor(options.instrumentationScope.name))) return true;
    this.#disabledAnswers++;
    return false;
  }

  stats(): MinSeverityStats {
    return {
      dropped: { belowMinimum: this.#belowMinimum, unspecified: this.#unspecified },
      disabledAnswers: this.#disabledAnswers,
    };
  }
}
