import type { Context } from '@opentelemetry/api';
import { DROP, type Drop, type InstrumentationScopeLike, type LogRecordLike, type Stage, type StageHost } from '@logweave/core';
import { DeadlineTimer } from './internal/deadline-timer.ts';
import { summaryRecord } from './internal/summary-record.ts';
import { secondsText } from './internal/time.ts';
import { resolveRateLimitOptions, type RateLimitOptions, type ResolvedRateLimit } from './options.ts';

/** Attributes of a summary record; a record carrying the first passes every rateLimit stage. */
export const RATE_LIMIT_SUPPRESSED = 'logweave.ratelimit.suppressed';
export const RATE_LIMIT_KEY = 'logweave.ratelimit.key';
export const RATE_LIMIT_DURATION_MS = 'logweave.ratelimit.duration_ms';

export interface RateLimitStats {
  /** Records dropped, by reason. */
  dropped: {
    /** Over the rate of their key; each is counted in a summary record. */
    overLimit: number;
  };
  /** Summary records released. */
  summaries: number;
  /** Records dropped since their key's last summary, not yet reported in one. */
  pending: number;
  /** Keys with a bucket now. */
  keys: number;
  /** Buckets forgotten because `maxKeys` were in use. */
  evicted: number;
  /** Summary records (of this or another rateLimit) let through without taking a token. */
  summariesPassed: number;
}

export interface RateLimitStage extends Stage {
  stats(): RateLimitStats;
}

/** Tokens are counted in thousandths so that integer rates and millisecond clocks refill exactly. */
const MILLI = 1000;

interface Bucket {
  /** Thousandths of a token. */
  milliTokens: number;
  refilledAt: number;
  /** Dropped since the last summary; 0 when the key is not in suppression. */
  suppressed: number;
  suppressedSince: number;
  lastSummaryAt: number;
  resource: LogRecordLike['resource'] | undefined;
  scope: InstrumentationScopeLike | undefined;
}

/**
 * A token bucket per key: each key may send `burst` records at once and `ratePerSec` records
 * a second after that. What goes over is dropped, counted, and reported by a WARN summary record.
 */
export function rateLimit(options: RateLimitOptions): RateLimitStage {
  return new RateLimit(resolveRateLimitOptions(options));
}

class RateLimit implements RateLimitStage {
  readonly name: string;
  readonly #options: ResolvedRateLimit;
  readonly #capacity: number;
  /** Least recently used first: a record's key is moved to the end. */
  readonly #buckets = new Map<string, Bucket>();
  /** Keys in suppression, in the order their suppression began. */
  readonly #suppressing = new Set<string>();
  readonly #timer = new DeadlineTimer(() => this.#summariseDue());
  #host: StageHost | undefined;
  #stopped = false;
  #overLimit = 0;
  #summaries = 0;
  #pending = 0;
  #evicted = 0;
  #summariesPassed = 0;

  constructor(options: ResolvedRateLimit) {
    this.#options = options;
    this.name = options.name;
    this.#capacity = options.burst * MILLI;
  }

  start(host: StageHost): void {
    this.#host = host;
  }

  process(record: LogRecordLike, context: Context | undefined): void | Drop {
    if (this.#host === undefined || this.#stopped) return;
    if (record.attributes[RATE_LIMIT_SUPPRESSED] !== undefined) {
      this.#summariesPassed++;
      return;
    }
    const key = this.#keyOf(record, context);
    if (key === undefined) return;
    const now = Date.now();
    const bucket = this.#bucketFor(key, now);
    // ratePerSec tokens a second is ratePerSec thousandths a millisecond.
    bucket.milliTokens = Math.min(this.#capacity, bucket.milliTokens + (now - bucket.refilledAt) * this.#options.ratePerSec);
    bucket.refilledAt = now;
    if (bucket.milliTokens >= MILLI) {
      bucket.milliTokens -= MILLI;
      // Tokens are back: say what was lost before this record goes on, at most once per interval.
      if (bucket.suppressed > 0 && now - bucket.lastSummaryAt >= this.#options.summaryIntervalMillis) {
        this.#summarise(key, bucket, now);
      }
      return;
    }
    this.#suppress(key, bucket, record, now);
    return DROP;
  }

  stats(): RateLimitStats {
    return {
      dropped: { overLimit: this.#overLimit },
      summaries: this.#summaries,
      pending: this.#pending,
      keys: this.#buckets.size,
      evicted: this.#evicted,
      summariesPassed: this.#summariesPassed,
    };
  }

  async forceFlush(): Promise<void> {
    this.#summariseAll();
  }

  async shutdown(): Promise<void> {
    this.#stopped = true;
    this.#summariseAll();
  }

  #keyOf(record: LogRecordLike, context: Context | undefined): string | undefined {
    const perKey = this.#options.perKey;
    if (perKey === undefined) return '';
    if (typeof perKey === 'function') {
      const key = perKey(record, context);
      return typeof key === 'string' ? key : undefined;
    }
    const value = record.attributes[perKey];
    return value === undefined ? '' : String(value);
  }

  #bucketFor(key: string, now: number): Bucket {
    let bucket = this.#buckets.get(key);
    if (bucket !== undefined) {
      this.#buckets.delete(key);
    } else {
      if (this.#buckets.size >= this.#options.maxKeys) this.#evictLeastRecentlyUsed(now);
      bucket = { milliTokens: this.#capacity, refilledAt: now, suppressed: 0, suppressedSince: 0, lastSummaryAt: -Infinity, resource: undefined, scope: undefined };
    }
    this.#buckets.set(key, bucket);
    return bucket;
  }

  #evictLeastRecentlyUsed(now: number): void {
    const [key, bucket] = this.#buckets.entries().next().value!;
    if (bucket.suppressed > 0) this.#summarise(key, bucket, now);
    this.#buckets.delete(key);
    this.#evicted++;
  }

  #suppress(key: string, bucket: Bucket, record: LogRecordLike, now: number): void {
    if (bucket.suppressed === 0) {
      bucket.suppressedSince = now;
      bucket.resource = record.resource;
      bucket.scope = record.instrumentationScope;
      this.#suppressing.add(key);
      this.#timer.armAt(now + this.#options.summaryIntervalMillis, now);
    }
    bucket.suppressed++;
    this.#overLimit++;
    this.#pending++;
  }

  #summariseDue(): void {
    const now = Date.now();
    for (const key of this.#suppressing) {
      const bucket = this.#buckets.get(key)!;
      const dueAt = bucket.suppressedSince + this.#options.summaryIntervalMillis;
      if (dueAt > now) {
        this.#timer.armAt(dueAt, now);
        return;
      }
      this.#summarise(key, bucket, now);
    }
  }

  #summariseAll(): void {
    this.#timer.cancel();
    const now = Date.now();
    for (const key of this.#suppressing) this.#summarise(key, this.#buckets.get(key)!, now);
  }

  #summarise(key: string, bucket: Bucket, now: number): void {
    const suppressed = bucket.suppressed;
    const durationMs = now - bucket.suppressedSince;
    const attributes: Record<string, unknown> = {
      [RATE_LIMIT_SUPPRESSED]: suppressed,
      [RATE_LIMIT_DURATION_MS]: durationMs,
    };
    if (this.#options.perKey !== undefined) attributes[RATE_LIMIT_KEY] = key;
    const forKey = this.#options.perKey === undefined ? '' : ` for key ${JSON.stringify(key)}`;
    const record = summaryRecord({
      resource: bucket.resource!,
      instrumentationScope: bucket.scope!,
      body: `${this.name} suppressed ${suppressed} record${suppressed === 1 ? '' : 's'}${forKey} in the last ${secondsText(durationMs)} s`,
      attributes,
      nowMs: now,
    });
    bucket.suppressed = 0;
    bucket.lastSummaryAt = now;
    bucket.resource = undefined;
    bucket.scope = undefined;
    this.#suppressing.delete(key);
    this.#pending -= suppressed;
    this.#summaries++;
    this.#host!.forward(record);
  }
}
