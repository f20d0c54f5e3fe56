import type { Stage } from '../stage.ts';
import type { Sink } from '../types.ts';

/**
 * Hands each stage's value filter to the sinks when every one of them can apply it, so that the
 * work happens where data leaves the process (and once); otherwise the stage keeps doing it at
 * emit time. All or nothing: a record must never reach a sink that skips it.
 */
export function leaveFiltersToSinks(stages: readonly Stage[], sinks: readonly Sink[]): void {
  if (!sinks.every((sink) => typeof sink.applyValueFilter === 'function')) return;
  for (const stage of stages) {
    const filter = stage.valueFilter;
    if (filter === undefined || typeof stage.leftToSinks !== 'function') continue;
    for (const sink of sinks) sink.applyValueFilter!(filter);
    stage.leftToSinks();
  }
}
