import { pipeline, type LogRecordLike } from '@logweave/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { benchResource, realisticEmitArgs } from './records.ts';
import { fullStageSet } from './stage-sets.ts';

/** The records a sink sees: emitted through the SDK and the full stage set, captured after it. */
export async function sinkRecords(count: number): Promise<LogRecordLike[]> {
  const records: LogRecordLike[] = [];
  const capture = { onEmit: (r: LogRecordLike) => void records.push(r), forceFlush: async () => {}, shutdown: async () => {} };
  const provider = new LoggerProvider({
    resource: benchResource(),
    processors: [pipeline({ stages: fullStageSet(), sink: capture })],
  });
  const logger = provider.getLogger('checkout.http', '1.4.0');
  for (const args of realisticEmitArgs(count)) logger.emit(args);
  await provider.shutdown();
  return records;
}
