import { PassThrough } from 'node:stream';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type Sink, type Stage } from '@logweave/core';
import { hideSecrets } from '@logweave/sdk-lines/hide-secrets';
import { memorySink, startOtlpReceiver } from '@logweave/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { consoleSink, otlpSink } from '../src/index.ts';

beforeEach(() => setGlobalErrorHandler(() => {}));

function emitThroughPipeline(stage: Stage, sink: Sink) {
  const provider = new LoggerProvider({ processors: [pipeline({ stages: [stage], sink })] });
  return { provider, logger: provider.getLogger('shop') };
}

describe('value filters left to the sinks', () => {
  it('filters in otlpSink what was changed after emit(), and the stage leaves the work to the sink', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const stage = hideSecrets();
      const { provider, logger } = emitThroughPipeline(stage, otlpSink({ endpoint: receiver.url }));
      const body = { user: 'bob', note: 'fine' };
      logger.emit({ body, attributes: { 'http.route': '/secret/admin' } });
      // Mutated after emit(): what is written is what the sink's filter read when it wrote it.
      body.note = 'the secret is hunter2';
      await provider.shutdown();
      expect(stage.left).toBe(true);
      const [record] = receiver.records();
      expect(record!.body).toEqual({ user: 'bob', note: 'the ****** is hunter2' });
      expect(record!.attributes['http.route']).toBe('/******/admin');
    } finally {
      await receiver.close();
    }
  });

  it('filters the lines of consoleSink', async () => {
    const stream = Object.assign(new PassThrough(), { isTTY: false });
    let text = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    const { provider, logger } = emitThroughPipeline(hideSecrets(), consoleSink({ stream }));
    logger.emit({ body: { note: 'a secret' }, attributes: { 'user.note': 'secret too' } });
    await provider.shutdown();
    expect(JSON.parse(text.trim())).toMatchObject({ body: { note: 'a ******' }, attributes: { 'user.note': '****** too' } });
  });

  it('keeps the work at emit time when one sink cannot apply the filter', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const stage = hideSecrets();
      const memory = memorySink();
      const provider = new LoggerProvider({ processors: [pipeline({ stages: [stage], sink: [otlpSink({ endpoint: receiver.url }), memory] })] });
      const logger = provider.getLogger('shop');
      logger.emit({ body: 'my secret' });
      await provider.shutdown();
      expect(stage.left).toBe(false);
      expect(memory.bodies()).toEqual(['my ******']);
      expect(receiver.records().map((r) => r.body)).toEqual(['my ******']);
    } finally {
      await receiver.close();
    }
  });

  it('keeps the work at emit time in worker mode, where the filter cannot cross the thread', () => {
    const stage = hideSecrets();
    const sink = otlpSink({ endpoint: 'http://127.0.0.1:9', worker: true });
    emitThroughPipeline(stage, sink);
    expect(stage.left).toBe(false);
    return sink.shutdown();
  });
});
