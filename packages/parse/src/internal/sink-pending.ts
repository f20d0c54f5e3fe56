import type { Sink } from '@logweave/core';

/**
 * Records a sink still holds after a flush (queued, or being exported or retried), when its
 * stats() say so as otlpSink's do; 0 for sinks that do not tell.
 */
export function pendingRecords(sink: Sink): number {
  const stats = (sink as { stats?: () => unknown }).stats;
  if (typeof stats !== 'function') return 0;
  try {
    const { queued, inFlight } = stats.call(sink) as { queued?: unknown; inFlight?: unknown };
    return (typeof queued === 'number' ? queued : 0) + (typeof inFlight === 'number' ? inFlight : 0);
  } catch {
    return 0;
  }
}
