import type { LogRecordLike, Pipeline, Stage } from '@logweave/core';
import { sdkLines, setUp as setUpPipeline, type SdkLine } from '@logweave/sdk-lines';
import type { MemorySink } from '@logweave/testing';

export { sdkLines } from '@logweave/sdk-lines';

export interface Harness {
  emit(record: { body?: unknown; attributes?: Record<string, unknown> }): LogRecordLike | undefined;
  sink: MemorySink;
  processor: Pipeline;
}

/** The shared set-up, with an emit that returns the record the sink got (undefined when dropped). */
export function setUp(stages: Stage[], line: SdkLine = sdkLines[0]): Harness {
  const { logger, sink, processor } = setUpPipeline(line, stages);
  return {
    sink,
    processor,
    emit(record) {
      const before = sink.records.length;
      logger.emit(record as Parameters<typeof logger.emit>[0]);
      return sink.records.length > before ? sink.records.at(-1) : undefined;
    },
  };
}

/** What an exporter would see of a record's body and attributes, as one text to search for secrets. */
export function exportedText(record: LogRecordLike | undefined): string {
  return JSON.stringify([record?.body, record?.attributes]);
}
