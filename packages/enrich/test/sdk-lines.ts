import { pipeline, type Stage } from '@logweave/core';
import { memorySink } from '@logweave/testing';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import * as legacy from 'sdk-logs-0.223';

/** The two sdk-logs lines logweave supports; every enrich test through the SDK runs on both. */
export const sdkLines = [
  { line: '3.x', LoggerProvider },
  { line: '0.223.x', LoggerProvider: legacy.LoggerProvider },
] as const;

export type SdkLine = (typeof sdkLines)[number];

/** A provider whose only processor is a pipeline of `stages` ending in an in-memory sink. */
export function setUp(line: SdkLine, stages: Stage[], resource?: unknown) {
  const sink = memorySink();
  const processor = pipeline({ stages, sink });
  const provider = new line.LoggerProvider({
    processors: [processor],
    ...(resource === undefined ? {} : { resource: resource as never }),
  });
  const logger = provider.getLogger('checkout', '1.2.0');
  return { provider, logger, processor, sink, records: sink.records };
}
