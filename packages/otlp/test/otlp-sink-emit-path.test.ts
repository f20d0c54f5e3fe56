import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SeverityNumber } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline } from '@logweave/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { otlpSink, type OtlpSinkOptions } from '../src/index.ts';

let receiver: OtlpReceiver;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  receiver = await startOtlpReceiver();
});
afterEach(async () => {
  await receiver.close();
});

function setUp(options: OtlpSinkOptions = {}) {
  const sink = otlpSink({ endpoint: receiver.url, ...options });
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  return { sink, provider, logger: provider.getLogger('checkout.http') };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** An access-log record as a web service emits it: an 80-character body and six attributes (~330 bytes as OTLP protobuf). */
function accessLog(i: number) {
  return {
    severityNumber: SeverityNumber.INFO,
    severityText: 'INFO',
    body: `GET /api/v1/orders/${10_000 + i} answered 200 in ${(i % 250) + 3} ms for user u-${i * 7} via gw-3`,
    attributes: {
      'http.request.method': 'GET',
      'http.route': '/api/v1/orders/:id',
      'http.response.status_code': 200,
      'user.id': `u-${i * 7}`,
      'server.duration_ms': ((i % 250) + 3) / 1.7,
      'session.id': `s-${(i * 40503 >>> 0).toString(16).padStart(8, '0')}`,
    },
  };
}

describe('otlpSink emit path', () => {
  it('hands a full batch on after emit() returns instead of encoding it in the caller', async () => {
    const { sink, provider, logger } = setUp({ maxExportBatchSize: 10 });
    for (let i = 0; i < 10; i++) logger.emit(accessLog(i));
    // The batch is full, yet nothing was taken out of the queue within the emit() calls.
    expect(sink.stats()).toMatchObject({ queued: 10, inFlight: 0, exported: 0 });
    await nextTurn();
    expect(sink.stats()).toMatchObject({ queued: 0 });
    await provider.forceFlush();
    expect(receiver.records()).toHaveLength(10);
    await provider.shutdown();
  });

  it('sends a batch filled just before a script ends without shutdown()', async () => {
    const script = fileURLToPath(new URL('./fixtures/exit-after-full-batch.ts', import.meta.url));
    await promisify(execFile)(process.execPath, [script, receiver.url], { timeout: 20_000 });
    expect(receiver.records()).toHaveLength(10);
  });

  it('holds large records within maxQueueBytes by its own estimate, nested ones included', async () => {
    await receiver.stop();
    const { sink, provider, logger } = setUp({ maxQueueBytes: 1024 * 1024, flushTimeoutMillis: 50, retry: false });
    const text = 'x'.repeat(100_000);
    for (let i = 0; i < 10; i++) logger.emit({ body: text, attributes: { n: i } });
    for (let i = 0; i < 10; i++) logger.emit({ body: { request: { payload: { text } } }, attributes: { n: i } });
    const held = sink.stats();
    // Ten records of ~100 kB fit in 1 MiB; the nested ones are as large and are refused alike.
    expect(held.queued + held.inFlight).toBe(10);
    expect(held.droppedBy).toEqual({ 'queue-full': 10 });
    await provider.shutdown();
  });

  it('delivers every one of 100,000 records emitted in one synchronous loop with its defaults', { timeout: 120_000 }, async () => {
    const { sink, provider, logger } = setUp();
    for (let i = 0; i < 100_000; i++) logger.emit(accessLog(i));
    expect(sink.stats()).toMatchObject({ received: 100_000, dropped: 0 });
    await provider.forceFlush();
    expect(receiver.records()).toHaveLength(100_000);
    expect(sink.stats()).toMatchObject({ exported: 100_000, dropped: 0, droppedBy: {} });
    await provider.shutdown();
  });
});
