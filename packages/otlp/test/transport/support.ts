import { SeverityNumber } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type EncodedRequest, type LogRecordLike } from '@logweave/core';
import { memorySink } from '@logweave/testing';
import { jsonEncoder, protobufEncoder } from '../../src/encoding/index.ts';
import type { DeliveryObserver } from '../../src/internal/delivery.ts';
import { readOtlpEnv } from '../../src/internal/env.ts';
import { HeaderSource, type HeadersOption } from '../../src/transport/headers.ts';
import { resolveCompressor, type Compression } from '../../src/transport/compression.ts';
import type { ResolvedTls } from '../../src/transport/tls.ts';
import { transportTarget } from '../../src/transport/transport-options.ts';

/** Records as the SDK builds them, through a pipeline into a memory sink. */
export async function sdkRecords(count: number, prefix = 'order'): Promise<LogRecordLike[]> {
  const sink = memorySink();
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  const logger = provider.getLogger('checkout');
  for (let i = 0; i < count; i++) {
    logger.emit({ severityNumber: SeverityNumber.WARN, body: `${prefix} ${i}`, attributes: { 'order.id': i, region: 'eu' } });
  }
  await provider.shutdown();
  return [...sink.records];
}

export async function encodedRequest(count: number, encoding: 'protobuf' | 'json' = 'protobuf'): Promise<EncodedRequest> {
  const records = await sdkRecords(count);
  const encoder = encoding === 'json' ? jsonEncoder() : protobufEncoder();
  return { bytes: encoder.encode(records), records: count, key: 0 };
}

export interface TargetSetUp {
  url: string;
  protocol?: 'http/protobuf' | 'http/json' | 'grpc';
  headers?: HeadersOption;
  compression?: Compression;
  compressionLevel?: number;
  timeoutMillis?: number;
  tls?: ResolvedTls;
}

/** A target built as otlpTarget() builds it, from already resolved parts. */
export function makeTarget(setUp: TargetSetUp) {
  return transportTarget({
    name: 'test',
    url: new URL(setUp.url),
    protocol: setUp.protocol ?? 'http/protobuf',
    timeoutMillis: setUp.timeoutMillis ?? 10_000,
    headers: new HeaderSource(readOtlpEnv({}).headers, setUp.headers ?? {}, 'test'),
    compressor: resolveCompressor(setUp.compression ?? 'none', setUp.compressionLevel, 'test'),
    tls: setUp.tls,
  });
}

/** A DeliveryObserver that keeps what it is told. */
export function recordingObserver(): DeliveryObserver & { failures: string[]; retries: number } {
  const observer = {
    failures: [] as string[],
    retries: 0,
    onAttemptFailed: (error: string) => void observer.failures.push(error),
    onRetry: () => void observer.retries++,
  };
  return observer;
}

/** Lets real I/O run until `done` holds (or 10 s of real time pass, which fails the test's own assertion). */
export async function settle(done: () => boolean): Promise<void> {
  const giveUpAt = performance.now() + 10_000;
  while (!done() && performance.now() < giveUpAt) await new Promise((resolve) => setImmediate(resolve));
}
