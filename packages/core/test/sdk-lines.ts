import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import * as legacy from 'sdk-logs-0.223';
import { pipeline, type PipelineOptions, type Pipeline } from '../src/index.ts';

/** The two sdk-logs lines logweave supports; every pipeline test runs on both. */
export const sdkLines = [
  { line: '3.x', sdk: { LoggerProvider, InMemoryLogRecordExporter, SimpleLogRecordProcessor } },
  { line: '0.223.x', sdk: legacy },
] as const;

export type SdkLine = (typeof sdkLines)[number];

/** A provider whose only processor is a pipeline ending in the SDK's own in-memory exporter. */
export function setUp(line: SdkLine, options: Omit<PipelineOptions, 'sink'> = {}) {
  const exporter = new line.sdk.InMemoryLogRecordExporter();
  const sink = new line.sdk.SimpleLogRecordProcessor({ exporter });
  const processor: Pipeline = pipeline({ ...options, sink });
  const provider = new line.sdk.LoggerProvider({ processors: [processor] });
  const logger = provider.getLogger('checkout', '1.2.0');
  const exported = () => exporter.getFinishedLogRecords();
  return { provider, logger, processor, exported };
}
