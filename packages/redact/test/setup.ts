import { pipeline, type LogRecordLike, type Pipeline, type Stage } from '@logweave/core';
import { memorySink, type MemorySink } from '@logweave/testing';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import * as legacy from 'sdk-logs-0.223';

/** The two sdk-logs lines logweave supports. */
export const sdkLines = [
  { line: '3.x', LoggerProvider },
  { line: '0.223.x', LoggerProvider: legacy.LoggerProvider },
] as const;

export type SdkLine = (typeof sdkLines)[number];

export interface Harness {
  emit(record: { body?: unknown; attributes?: Record<string, unknown> }): LogRecordLike | undefined;
  sink: MemorySink;
  processor: Pipeline;
}

/** A provider whose only processor is a pipeline of `stages` ending in an in-memory sink. */
export function setUp(stages: Stage[], line: SdkLine = sdkLines[0]): Harness {
  const sink = memorySink();
  const processor = pipeline({ stages, sink });
  const provider = new line.LoggerProvider({ processors: [processor] });
  const logger = provider.getLogger('checkout', '1.2.0');
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
