import { pipeline, type Pipeline, type Stage } from '@logweave/core';
import { memorySink, type MemorySink } from '@logweave/testing';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import * as legacy from 'sdk-logs-0.223';

/** The two sdk-logs lines logweave supports; stage tests run on both. */
export const sdkLines = [
  { line: '3.x', LoggerProvider },
  { line: '0.223.x', LoggerProvider: legacy.LoggerProvider },
] as const;

export type SdkLine = (typeof sdkLines)[number];

export interface SetUpOptions {
  /** The provider's resource; the SDK's default otherwise. */
  resource?: unknown;
}

/** A provider of `line` whose only processor is a pipeline of `stages` ending in a memory sink. */
export function setUp(line: SdkLine, stages: Stage[], options: SetUpOptions = {}) {
  const sink: MemorySink = memorySink();
  const processor: Pipeline = pipeline({ stages, sink });
  const provider = new line.LoggerProvider({
    processors: [processor],
    ...(options.resource === undefined ? {} : { resource: options.resource as never }),
  });
  const logger = provider.getLogger('checkout', '1.2.0');
  return { provider, logger, processor, sink };
}
