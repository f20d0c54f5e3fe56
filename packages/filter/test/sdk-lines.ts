import { ROOT_CONTEXT, trace, TraceFlags, type Context } from '@opentelemetry/api';
import { pipeline, type Pipeline, type Stage } from '@logweave/core';
import { memorySink } from '@logweave/testing';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import * as legacy from 'sdk-logs-0.223';

/** The two sdk-logs lines logweave supports; the stages are tested on both. */
export const sdkLines = [
  { line: '3.x', LoggerProvider },
  { line: '0.223.x', LoggerProvider: legacy.LoggerProvider },
] as const;

export type SdkLine = (typeof sdkLines)[number];

/** A provider whose only processor is a pipeline of `stages` ending in an in-memory sink. */
export function setUp(line: SdkLine, stages: Stage[]) {
  const sink = memorySink();
  const processor: Pipeline = pipeline({ stages, sink });
  const provider = new line.LoggerProvider({ processors: [processor] });
  const logger = provider.getLogger('checkout', '1.2.0');
  return { provider, logger, processor, sink };
}

/** A context whose active span belongs to `traceId`, for records that must carry it. */
export function inTrace(traceId: string, spanId = '00f067aa0ba902b7'): Context {
  return trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED });
}
