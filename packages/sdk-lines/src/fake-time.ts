import { vi } from 'vitest';

/**
 * Fake timers and clock, with setImmediate left real: the sockets of the test receivers keep
 * working while retry and cooldown waits are skipped.
 */
export function useFakeTime(): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
}

/** Lets real I/O run, then moves the fake clock by `stepMillis`, until `done()` or `maxMillis` of fake time. */
export async function advanceUntil(done: () => boolean, stepMillis = 10, maxMillis = 600_000): Promise<void> {
  for (let elapsed = 0; !done(); elapsed += stepMillis) {
    if (elapsed > maxMillis) throw new Error(`not done after ${maxMillis} ms of fake time`);
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
    await vi.advanceTimersByTimeAsync(stepMillis);
  }
}

/** Awaits `promise` while fake time passes, so that what it waits for (retries, cooldowns) happens. */
export async function settle<T>(promise: Promise<T>, stepMillis = 10): Promise<T> {
  let done = false;
  void promise.then(() => (done = true), () => (done = true));
  await advanceUntil(() => done, stepMillis);
  return promise;
}
