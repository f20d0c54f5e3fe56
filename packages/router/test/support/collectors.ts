import { context, trace, TraceFlags } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type Sink } from '@logweave/core';
import type { OtlpSinkOptions } from '@logweave/otlp';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, vi } from 'vitest';

/** Sink options that retry within fake milliseconds rather than real seconds. */
export const quick: OtlpSinkOptions = {
  scheduledDelayMillis: 10,
  retry: { initialIntervalMillis: 20, maxIntervalMillis: 40, maxElapsedMillis: 20_000 },
};

let receivers: OtlpReceiver[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(receivers.map((r) => r.close()));
  receivers = [];
});

/** `n` strict OTLP receivers on 127.0.0.1, closed after the test. */
export async function receiversOf(n: number): Promise<OtlpReceiver[]> {
  receivers = await Promise.all(Array.from({ length: n }, () => startOtlpReceiver()));
  return receivers;
}

export function loggerFor(sink: Sink) {
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  return { provider, logger: provider.getLogger('gateway') };
}

export const bodiesOf = (r: OtlpReceiver) => r.records().map((x) => x.body);

export const inTrace = (traceId: string) =>
  trace.setSpanContext(context.active(), { traceId, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });
