/** Backoff between export attempts, as the OpenTelemetry Collector's exporter helper configures it. */
export interface RetryOptions {
  /** Wait before the first retry. @default 5000 */
  initialIntervalMillis?: number;
  /** Cap on any one wait. @default 30000 */
  maxIntervalMillis?: number;
  /** Growth of the wait from one retry to the next. @default 1.5 */
  multiplier?: number;
  /** Each wait is drawn from interval × [1 − f, 1 + f]. @default 0.5 */
  randomizationFactor?: number;
  /** Give up on a batch after this long since its first attempt; 0 retries for ever. @default 300000 */
  maxElapsedMillis?: number;
}

export type RetryPolicy = Required<RetryOptions>;

export function resolveRetry(options: RetryOptions, component: string): RetryPolicy {
  if (options === null || typeof options !== 'object') throw new TypeError(`${component}: retry must be an object or false`);
  const policy: RetryPolicy = {
    initialIntervalMillis: options.initialIntervalMillis ?? 5000,
    maxIntervalMillis: options.maxIntervalMillis ?? 30_000,
    multiplier: options.multiplier ?? 1.5,
    randomizationFactor: options.randomizationFactor ?? 0.5,
    maxElapsedMillis: options.maxElapsedMillis ?? 300_000,
  };
  const valid = policy.initialIntervalMillis > 0 && policy.maxIntervalMillis >= policy.initialIntervalMillis &&
    policy.multiplier >= 1 && policy.randomizationFactor >= 0 && policy.randomizationFactor <= 1 &&
    policy.maxElapsedMillis >= 0;
  if (!valid || !Object.values(policy).every(Number.isFinite)) {
    throw new TypeError(
      `${component}: retry needs initialIntervalMillis > 0, maxIntervalMillis ≥ initialIntervalMillis, multiplier ≥ 1, ` +
        `0 ≤ randomizationFactor ≤ 1 and maxElapsedMillis ≥ 0; got ${JSON.stringify(options)}`,
    );
  }
  return policy;
}

/** Node fires a longer `setTimeout` after 1 ms (with a TimeoutOverflowWarning): every timer is clamped to this. */
export const MAX_TIMER_MILLIS = 2 ** 31 - 1;

/** The wait before retry number `attempt` (0 for the first retry). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const interval = Math.min(policy.initialIntervalMillis * policy.multiplier ** attempt, policy.maxIntervalMillis);
  const spread = interval * policy.randomizationFactor;
  return interval - spread + random() * 2 * spread;
}

/**
 * The wait before retry number `attempt`: the backoff, or what the collector asked for
 * (Retry-After, RetryInfo) clamped to [initialIntervalMillis, maxIntervalMillis]. `0` must not
 * turn the loop hot, and a delay of years (or a far-future date) must not park a batch for ever.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterMillis?: number, random = Math.random): number {
  if (retryAfterMillis === undefined || Number.isNaN(retryAfterMillis)) return backoffDelay(policy, attempt, random);
  return Math.min(Math.max(retryAfterMillis, policy.initialIntervalMillis), policy.maxIntervalMillis);
}

/** A Retry-After header (delay-seconds or an HTTP date) in milliseconds, or undefined. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  const text = value?.trim() ?? '';
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only an IMF-fixdate (or the obsolete forms) names a month: `1.5` or `-1` is no date.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
