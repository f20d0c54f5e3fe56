import { SeverityNumber } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { copyRecord, pipeline, type LogRecordLike } from '@logweave/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { otlpSink, type OtlpSinkOptions } from '../src/index.ts';

/** Worker threads started, to tell encoding in a worker from encoding in-thread. */
const workers = vi.hoisted(() => ({ started: 0 }));
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class CountedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      workers.started++;
    }
  }
  return { ...actual, Worker: CountedWorker };
});

let receiver: OtlpReceiver;
beforeEach(async () => {
  setGlobalErrorHandler(() => {});
  receiver = await startOtlpReceiver();
});
afterEach(async () => {
  await receiver.close();
});

function setUp(options: OtlpSinkOptions = {}) {
  const sink = otlpSink({ endpoint: receiver.url, worker: true, ...options });
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  const logger = provider.getLogger('orders');
  const emit = (from: number, to: number) => {
    for (let i = from; i < to; i++) logger.emit({ severityNumber: SeverityNumber.INFO, body: `order ${i}`, attributes: { n: i } });
  };
  return { sink, provider, emit, logger };
}

const bodies = () => receiver.records().map((r) => r.body);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `order ${from + i}`);

describe('otlpSink({ worker: true })', () => {
  it.each(['http/protobuf', 'http/json'] as const)('encodes batches in a worker thread and delivers every record in order over %s', async (protocol) => {
    const { sink, provider, emit } = setUp({ protocol, maxExportBatchSize: 100, maxConcurrentExports: 1 });
    const before = workers.started;
    emit(0, 250);
    await provider.forceFlush();
    expect(bodies()).toEqual(range(0, 250));
    expect(receiver.requests.map((r) => r.records.length)).toEqual([100, 100, 50]);
    expect(sink.stats()).toMatchObject({ received: 250, exported: 250, dropped: 0 });
    expect(workers.started - before).toBe(1);
    await provider.shutdown();
  });

  it('sends what the record was when its batch was handed over, not a later change', async () => {
    const { provider, logger } = setUp({ maxExportBatchSize: 1 });
    const body = { order: 7, state: 'placed' };
    logger.emit({ body });
    await new Promise((resolve) => setImmediate(resolve));
    body.state = 'changed after the hand-over';
    await provider.forceFlush();
    expect(receiver.records().map((r) => r.body)).toEqual([{ order: 7, state: 'placed' }]);
    await provider.shutdown();
  });

  it('drops only the record it cannot encode, counted, and sends the rest of its batch', async () => {
    const { sink, provider, emit } = setUp({ protocol: 'http/json' });
    emit(0, 2);
    sink.onEmit(Object.assign(copyRecord(capture()), { hrTime: [Number.NaN, 0] }));
    emit(2, 4);
    await provider.forceFlush();
    expect(bodies()).toEqual(range(0, 4));
    expect(sink.stats()).toMatchObject({ received: 5, exported: 4, dropped: 1, droppedBy: { unencodable: 1 } });
    await provider.shutdown();
  });

  it('refuses worker together with durable mode or the official encoder, at set-up', () => {
    expect(() => otlpSink({ endpoint: receiver.url, worker: true, durable: { dir: '/tmp/logweave-unused' } })).toThrow(
      new TypeError('otlpSink: worker and durable exclude each other (durable mode encodes in-thread)'),
    );
    expect(() => otlpSink({ endpoint: receiver.url, worker: true, encoder: 'official' })).toThrow(TypeError);
    expect(() => otlpSink({ endpoint: receiver.url, worker: 'yes' as never })).toThrow(new TypeError('otlpSink: worker must be a boolean'));
  });
});

/** A record as the SDK builds it, to derive a broken one from. */
function capture(): LogRecordLike {
  let captured: LogRecordLike | undefined;
  const provider = new LoggerProvider({
    processors: [pipeline({ sink: { onEmit: (r: LogRecordLike) => void (captured = r), forceFlush: async () => {}, shutdown: async () => {} } })],
  });
  provider.getLogger('orders').emit({ body: 'cannot be encoded' });
  return captured!;
}
