/**
 * Polls until `condition` holds. These suites run real processes (a Collector, its exporter), so
 * they wait for an observable state, never for a fixed time.
 */
export async function waitUntil(condition: () => boolean, what: string, timeoutMillis = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMillis} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `test.record_id`-style ids from `from` (inclusive) to `to` (exclusive). */
export function ids(prefix: string, from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);
}
