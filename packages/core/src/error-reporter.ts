import { globalErrorHandler } from '@opentelemetry/core';

/** At most one report per source in this window; the rest are counted and summarised in the next. */
const REPORT_INTERVAL_MS = 10_000;

interface SourceState {
  lastReportAt: number;
  suppressed: number;
}

/**
 * Hands errors thrown by stages and sinks to the OTel global error handler, rate-limited per
 * source so that a stage failing on every record cannot flood it.
 */
export class ErrorReporter {
  readonly #pipelineName: string;
  readonly #sources = new Map<string, SourceState>();

  constructor(pipelineName: string) {
    this.#pipelineName = pipelineName;
  }

  report(source: string, error: unknown): void {
    const now = Date.now();
    let state = this.#sources.get(source);
    if (state === undefined) {
      state = { lastReportAt: -Infinity, suppressed: 0 };
      this.#sources.set(source, state);
    }
    if (now - state.lastReportAt < REPORT_INTERVAL_MS) {
      state.suppressed++;
      return;
    }
    const suppressed = state.suppressed;
    state.lastReportAt = now;
    state.suppressed = 0;
    const detail = error instanceof Error ? error.message : String(error);
    const more = suppressed > 0 ? ` (${suppressed} more since the last report)` : '';
    const wrapped = new Error(`logweave ${this.#pipelineName}: ${source} failed: ${detail}${more}`, {
      cause: error,
    });
    try {
      globalErrorHandler(wrapped);
    } catch {
      // A throwing error handler must not turn a contained failure into an application crash.
    }
  }
}
