import type { Context } from '@opentelemetry/api';
import { settleAll } from './settle-all.ts';
import type { ResolvedPipelineOptions } from './options.ts';
import type { Pipeline } from './pipeline.ts';
import type { LogRecordLike } from './types.ts';

/**
 * The pipeline when OTEL_SDK_DISABLED=true: it answers `enabled()` false, so the SDK builds no
 * record, and forwards nothing it is handed anyway. Stages are never started. Its flush and
 * shutdown still reach the sinks, which the application built and expects to be closed.
 */
export function disabledPipeline(options: ResolvedPipelineOptions): Pipeline {
  let received = 0;
  return {
    onEmit(_record: LogRecordLike, _context?: Context): void {
      received++;
    },
    enabled: () => false,
    stats: () => ({
      received,
      injected: 0,
      held: 0,
      forwarded: 0,
      dropped: received,
      droppedBy: received === 0 ? {} : { 'sdk-disabled': received },
      stageErrors: {},
      sinkErrors: {},
    }),
    forceFlush: () => settleAll(options.sinks.map((sink) => sink.forceFlush())),
    shutdown: () => settleAll(options.sinks.map((sink) => sink.shutdown())),
  };
}
