import type { Context } from '@opentelemetry/api';
import { copyRecord, DROP, HOLD, type DerivedLogRecord, type Drop, type Hold, type HrTime, type LogRecordLike, type Stage, type StageHost } from '@logweave/core';
import { DeadlineTimer } from './internal/deadline-timer.ts';
import { defaultRecordKey } from './internal/record-key.ts';
import { hrTimeToIso } from './internal/time.ts';
import { resolveDedupeOptions, type DedupeOptions, type ResolvedDedupe } from './options.ts';

/** Attributes of a record released for several identical ones. */
export const DEDUPE_COUNT = 'logweave.dedupe.count';
export const DEDUPE_FIRST_SEEN = 'logweave.dedupe.first_seen';
export const DEDUPE_LAST_SEEN = 'logweave.dedupe.last_seen';

export interface DedupeStats {
  /** Windows open now, each holding one record. */
  open: number;
  /** Records that opened a window: held, then released when it closes. */
  held: number;
  /** Records dropped, by reason. */
  dropped: {
    /** Identical to the record held in an open window; counted in its `logweave.dedupe.count`. */
    duplicate: number;
  };
  /** Records released: with a count (seen two or more times) or unchanged (seen once). */
  released: { summaries: number; singles: number };
  /** Windows closed early because `maxKeys` were open. */
  evicted: number;
}

export interface DedupeStage extends Stage {
  stats(): DedupeStats;
}

interface DedupeWindow {
  readonly record: DerivedLogRecord;
  readonly context: Context | undefined;
  readonly closesAt: number;
  count: number;
  lastSeen: HrTime;
}

/**
 * Collapses identical records seen within `windowMillis` into one: the first is held (as a copy) and
 * released when its window closes, carrying `logweave.dedupe.count` and first/last seen times.
 */
export function dedupe(options?: DedupeOptions): DedupeStage {
  return new Dedupe(resolveDedupeOptions(options));
}

class Dedupe implements DedupeStage {
  readonly name: string;
  readonly #options: ResolvedDedupe;
  /** Insertion order is opening order, so the first entry is always the next to close. */
  readonly #windows = new Map<string, DedupeWindow>();
  readonly #timer = new DeadlineTimer(() => this.#closeDue());
  #host: StageHost | undefined;
  #stopped = false;
  #held = 0;
  #duplicates = 0;
  #summaries = 0;
  #singles = 0;
  #evicted = 0;

  constructor(options: ResolvedDedupe) {
    this.#options = options;
    this.name = options.name;
  }

  start(host: StageHost): void {
    this.#host = host;
  }

  process(record: LogRecordLike, context: Context | undefined): void | Drop | Hold {
    // Without a host nothing held could ever be released: let everything through.
    if (this.#host === undefined || this.#stopped) return;
    const key = this.#options.key === undefined
      ? defaultRecordKey(record, this.#options.ignoreAttributes)
      : this.#options.key(record, context);
    if (typeof key !== 'string') return;
    const now = Date.now();
    const open = this.#windows.get(key);
    if (open !== undefined) {
      if (now < open.closesAt) {
        open.count++;
        open.lastSeen = record.hrTime;
        this.#duplicates++;
        return DROP;
      }
      this.#release(key, open);
    }
    this.#open(key, record, context, now);
    return HOLD;
  }

  stats(): DedupeStats {
    return {
      open: this.#windows.size,
      held: this.#held,
      dropped: { duplicate: this.#duplicates },
      released: { summaries: this.#summaries, singles: this.#singles },
      evicted: this.#evicted,
    };
  }

  async forceFlush(): Promise<void> {
    this.#releaseAll();
  }

  async shutdown(): Promise<void> {
    this.#stopped = true;
    this.#releaseAll();
  }

  #open(key: string, record: LogRecordLike, context: Context | undefined, now: number): void {
    if (this.#windows.size >= this.#options.maxKeys) {
      const [oldestKey, oldest] = this.#windows.entries().next().value!;
      this.#evicted++;
      this.#release(oldestKey, oldest);
    }
    const closesAt = now + this.#options.windowMillis;
    this.#windows.set(key, { record: copyRecord(record), context, closesAt, count: 1, lastSeen: record.hrTime });
    this.#held++;
    this.#timer.armAt(closesAt, now);
  }

  #closeDue(): void {
    const now = Date.now();
    for (const [key, window] of this.#windows) {
      if (window.closesAt > now) {
        this.#timer.armAt(window.closesAt, now);
        return;
      }
      this.#release(key, window);
    }
  }

  #releaseAll(): void {
    this.#timer.cancel();
    for (const [key, window] of this.#windows) this.#release(key, window);
  }

  #release(key: string, window: DedupeWindow): void {
    this.#windows.delete(key);
    const record = window.record;
    if (window.count > 1) {
      record.setAttribute(DEDUPE_COUNT, window.count);
      record.setAttribute(DEDUPE_FIRST_SEEN, hrTimeToIso(record.hrTime));
      record.setAttribute(DEDUPE_LAST_SEEN, hrTimeToIso(window.lastSeen));
      this.#summaries++;
    } else {
      this.#singles++;
    }
    this.#host!.forward(record, window.context);
  }
}
