import type { Sink } from '@logweave/core';

/** What a sink's stats() tell the shipper after a flush, for sinks that report them (otlpSink, durable or not). */
export interface SinkProgress {
  /** Records it still holds: queued, or being exported or retried. */
  pending: number;
  /** Records it refused on arrival because its queue was full, counted since it started. */
  refused: number;
}

/** The sink's progress; zeros for sinks whose stats() do not say (a memory sink, a pipeline). */
export function sinkProgress(sink: Sink): SinkProgress {
  const stats = (sink as { stats?: () => unknown }).stats;
  if (typeof stats !== 'function') return { pending: 0, refused: 0 };
  try {
    const { queued, inFlight, droppedBy } = stats.call(sink) as { queued?: unknown; inFlight?: unknown; droppedBy?: Record<string, unknown> };
    const refused = droppedBy?.['queue-full'];
    return { pending: count(queued) + count(inFlight), refused: count(refused) };
  } catch {
    return { pending: 0, refused: 0 };
  }
}

const count = (value: unknown): number => (typeof value === 'number' ? value : 0);
