import { PassThrough, Writable } from 'node:stream';
import { context, SeverityNumber, trace, TraceFlags } from '@opentelemetry/api';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline } from '@logweave/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { consoleSink, type ConsoleSinkOptions } from '../src/index.ts';

beforeEach(() => setGlobalErrorHandler(() => {}));

function capture(tty: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY: tty });
  let text = '';
  stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
  return { stream, lines: () => text.split('\n').filter((l) => l !== '') };
}

function setUp(options: ConsoleSinkOptions) {
  const sink = consoleSink(options);
  const provider = new LoggerProvider({ processors: [pipeline({ sink })] });
  return { sink, provider, logger: provider.getLogger('orders') };
}

const traceId = '5b8efff798038103d269b633813fc60c';
const inSpan = () => trace.setSpanContext(context.active(), { traceId, spanId: 'eee19b7ec3c1b174', traceFlags: TraceFlags.SAMPLED });

describe('consoleSink', () => {
  it('writes JSON lines when the stream is not a TTY', async () => {
    const out = capture(false);
    const { sink, provider, logger } = setUp({ stream: out.stream });
    logger.emit({ severityNumber: SeverityNumber.WARN, body: 'disk at 91%\nsecond line', attributes: { 'disk.id': 'sda' }, context: inSpan() });
    logger.emit({ severityNumber: SeverityNumber.INFO2, body: { order: 7 } });
    await provider.forceFlush();
    const lines = out.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toMatchObject([
      { severity: 'WARN', severityNumber: 13, body: 'disk at 91%\nsecond line', attributes: { 'disk.id': 'sda' }, traceId, scope: 'orders' },
      { severity: 'INFO2', severityNumber: 10, body: { order: 7 }, scope: 'orders' },
    ]);
    expect(lines[0]!['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(sink.stats()).toMatchObject({ name: 'console', received: 2, exported: 2, dropped: 0 });
    await provider.shutdown();
  });

  it('writes each record at its own time, to the millisecond', async () => {
    const out = capture(false);
    const { provider, logger } = setUp({ stream: out.stream });
    const times = ['2026-12-07T16:54:03.123Z', '2026-12-07T16:54:03.007Z', '2026-12-07T16:54:04.000Z', '1999-01-01T00:00:00.999Z'];
    for (const time of times) logger.emit({ body: time, timestamp: new Date(time) });
    await provider.shutdown();
    expect(out.lines().map((line) => (JSON.parse(line) as { time: string }).time)).toEqual(times);
  });

  it('writes one readable line per record on a TTY', async () => {
    const out = capture(true);
    const { provider, logger } = setUp({ stream: out.stream, color: false });
    logger.emit({ severityNumber: SeverityNumber.ERROR, body: 'payment failed\nretrying', attributes: { 'order.id': 7 } });
    await provider.shutdown();
    expect(out.lines()).toHaveLength(1);
    expect(out.lines()[0]).toMatch(/^\S+Z ERROR \[orders\] payment failed\\nretrying order\.id=7$/);
  });

  it('counts a record it cannot write and writes the rest of the batch', async () => {
    const out = capture(false);
    const { sink, provider, logger } = setUp({ stream: out.stream });
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    logger.emit({ body: 'before' });
    logger.emit({ body: cyclic as never });
    logger.emit({ body: 'after' });
    await provider.shutdown();
    expect(out.lines().map((l) => (JSON.parse(l) as { body: string }).body)).toEqual(['before', 'after']);
    expect(sink.stats()).toMatchObject({ received: 3, exported: 2, dropped: 1, droppedBy: { unencodable: 1 } });
  });

  it('counts records lost to a stream that fails, without throwing into the application', async () => {
    const broken = new Writable({ write: (_chunk, _encoding, callback) => callback(Object.assign(new Error('read end closed'), { code: 'EPIPE' })) });
    const { sink, provider, logger } = setUp({ stream: broken });
    logger.emit({ body: 'lost' });
    await provider.forceFlush();
    logger.emit({ body: 'lost too' });
    await provider.shutdown();
    expect(sink.stats()).toMatchObject({ received: 2, exported: 0, dropped: 2, droppedBy: { 'io-error': 2 } });
    expect(sink.stats().lastError).toMatch(/^EPIPE/);
  });

  it.each([
    [{ format: 'xml' }, "consoleSink: format must be 'auto', 'human' or 'json'; got 'xml'"],
    [{ stream: {} }, 'consoleSink: stream must be a writable stream'],
    [{ maxQueueSize: -1 }, 'consoleSink: maxQueueSize must be a positive number; got -1'],
  ])('refuses %j at set-up', (options, message) => {
    expect(() => consoleSink(options as never)).toThrow(new TypeError(message));
  });
});
