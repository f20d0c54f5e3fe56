import { pipeline, type Pipeline, type Stage } from '@logweave/core';
import { memorySink, type MemorySink } from '@logweave/testing';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { LoggerProvider as LegacyLoggerProvider } from 'sdk-logs-0.223';

/** The two sdk-logs lines logweave supports; every stage test runs on both. */
export const sdkLines = [
  { line: '3.x', LoggerProvider },
  { line: '0.223.x', LoggerProvider: LegacyLoggerProvider },
] as const;

export type SdkLine = (typeof sdkLines)[number];

/** A provider whose only processor is a pipeline of `stages` ending in a memory sink. */
export function setUp(line: SdkLine, stages: Stage[]) {
  const sink: MemorySink = memorySink();
  const processor: Pipeline = pipeline({ stages, sink });
  const provider = new line.LoggerProvider({ processors: [processor] });
  const logger = provider.getLogger('checkout', '1.2.0');
  return { logger, sink, processor };
}
