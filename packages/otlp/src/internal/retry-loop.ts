import type { AttemptResult, BatchResult, DeliveryObserver } from './delivery.ts';
import { MAX_TIMER_MILLIS, retryDelay, type RetryPolicy } from './retry.ts';

/**
 * Attempts a batch of `count` records until it is accepted, the failure is permanent (a 4xx
 * other than 429), the retry budget is spent, or the signal aborts. Retry-After, when the
 * collector sends it, takes the backoff's place, within [initial, max] interval (see retryDelay); a
 * wait that would end past `maxElapsedMillis` gives the batch up now rather than sleep past it.
 */
export async function deliverWithRetry(
  attempt: (signal: AbortSignal) => Promise<AttemptResult>,
  count: number,
  policy: RetryPolicy | undefined,
  observer: DeliveryObserver,
  signal: AbortSignal,
): Promise<BatchResult> {
  const started = Date.now();
  for (let retry = 0; ; retry++) {
    const result = await attempt(signal);
    if (result.ok) return accepted(count, result.rejected, result.unencodable ?? 0);
    observer.onAttemptFailed(result.error);
    if (signal.aborted) return lost(count, 'shutdown');
    if (!result.retryable) return lost(count, 'permanent-error');
    if (policy === undefined) return lost(count, 'retry-exhausted');
    const wait = retryDelay(policy, retry, result.retryAfterMillis);
    if (policy.maxElapsedMillis > 0 && Date.now() - started + wait > policy.maxElapsedMillis) {
      return lost(count, 'retry-exhausted');
    }
    if (!(await sleep(wait, signal))) return lost(count, 'shutdown');
    observer.onRetry();
  }
}

export function accepted(count: number, rejected: number, unencodable = 0): BatchResult {
  const sent = count - unencodable;
  const r = Math.min(Math.max(0, rejected), sent);
  const result: BatchResult = { exported: sent - r, rejected: r, dropped: unencodable };
  if (unencodable > 0) result.dropReason = 'unencodable';
  return result;
}

export function lost(count: number, reason: string): BatchResult {
  return { exported: 0, rejected: 0, dropped: count, dropReason: reason };
}

/**
 * Resolves true after `ms` (at most MAX_TIMER_MILLIS), or false as soon as the signal aborts.
 * The timer never holds the process open.
 */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, Math.min(Math.max(0, ms), MAX_TIMER_MILLIS));
    timer.unref();
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
