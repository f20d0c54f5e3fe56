import { SeverityNumber } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline } from '@logweave/core';
import { startOtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { otlpSink, type OtlpSinkOptions } from '../../src/index.ts';
import { settle, useFakeTime } from '@logweave/sdk-lines/fake-time';
import { startGrpcCollector } from './grpc-collector.ts';
import { startTricklingCollector } from './trickling-collector.ts';

const quickRetry = { initialIntervalMillis: 100, maxIntervalMillis: 200, maxElapsedMillis: 60_000 };

function setUp(options: OtlpSinkOptions) {
  const sink = otlpSink({ retry: quickRetry, scheduledDelayMillis: 10, ...options });
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  const logger = provider.getLogger('checkout');
  const emit = (count: number) => {
    for (let i = 0; i < count; i++) logger.emit({ severityNumber: SeverityNumber.INFO, body: `order ${i}` });
  };
  return { sink, provider, emit };
}

const orders = (count: number) => Array.from({ length: count }, (_, i) => `order ${i}`);

describe('otlpSink over the transport options', () => {
  beforeEach(() => {
    setGlobalErrorHandler(() => {});
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("delivers every record over protocol: 'grpc' with gzip", async () => {
    const collector = await startGrpcCollector();
    const { sink, provider, emit } = setUp({ protocol: 'grpc', endpoint: `http://127.0.0.1:${collector.port}`, compression: 'gzip' });
    emit(120);
    await provider.forceFlush();
    expect(collector.calls.flatMap((c) => c.bodies)).toEqual(orders(120));
    expect(sink.stats()).toMatchObject({ received: 120, exported: 120, dropped: 0 });
    await provider.shutdown();
    collector.close();
  });

  it('counts a failing headers provider as a failed attempt, retries, and delivers', async () => {
    const receiver = await startOtlpReceiver();
    let calls = 0;
    const headers = () => {
      if (++calls === 1) throw new Error('token service down');
      return { authorization: `Bearer t${calls}` };
    };
    const { sink, provider, emit } = setUp({ endpoint: receiver.url, headers });
    emit(3);
    await provider.forceFlush();
    expect(receiver.records().map((r) => r.body)).toEqual(orders(3));
    expect(receiver.requests.map((r) => r.headers.authorization)).toEqual(['Bearer t2']);
    expect(sink.stats()).toMatchObject({ exported: 3, failedAttempts: 1, retries: 1, lastError: 'headers provider failed: token service down' });
    await provider.shutdown();
    await receiver.close();
  });

  it('keeps delivering past two collectors responses that trickle for ever', async () => {
    useFakeTime();
    const collector = await startTricklingCollector(2);
    const { sink, provider, emit } = setUp({ endpoint: collector.url.replace('/v1/logs', ''), timeoutMillis: 2000 });
    emit(5);
    await settle(provider.forceFlush());
    expect(collector.received.flat()).toEqual(orders(5));
    expect(sink.stats()).toMatchObject({ exported: 5, dropped: 0, failedAttempts: 2, lastError: 'deadline: no complete response within 2000 ms' });
    expect(collector.bytesTrickled()).toBeGreaterThan(0);
    await settle(provider.shutdown());
    await collector.close();
  });
});
