import { metrics, type Context } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DROP, HOLD, SeverityNumber, sinkMetrics, redactionMetrics, type LogRecordLike, type Stage, type StageHost } from '../src/index.ts';
import { metricReader, valueOf } from './metric-reader.ts';
import { sdkLines, setUp } from './sdk-lines.ts';

const pipelineComponent = { 'otel.component.type': 'logweave.pipeline', 'otel.component.name': 'checkout' };

/** Drops DEBUG; holds records with a `hold` attribute and discards them as expired on forceFlush. */
function stages(): Stage[] {
  let host: StageHost | undefined;
  let heldCount = 0;
  return [
    { name: 'drop-debug', process: (r) => ((r.severityNumber ?? 0) < SeverityNumber.INFO ? DROP : undefined) },
    {
      name: 'holder',
      start: (h) => {
        host = h;
      },
      process: (r, _context?: Context) => {
        if (r.attributes['hold'] !== true) return;
        heldCount++;
        return HOLD;
      },
      forceFlush: async () => {
        host!.discard('expired', heldCount);
        heldCount = 0;
      },
    },
  ];
}

afterEach(() => {
  metrics.disable();
  vi.useRealTimers();
});

describe.each(sdkLines)('pipeline self-metrics on sdk-logs $line', (line) => {
  it('reports created, processed (with error.type) and dropped by stage and reason for a known run', async () => {
    const reader = metricReader();
    const { logger, processor, exported } = setUp(line, { stages: stages(), name: 'checkout', meterProvider: reader.meterProvider });
    logger.emit({ severityNumber: SeverityNumber.DEBUG, body: 'cache miss' });
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'held 1', attributes: { hold: true } });
    logger.emit({ severityNumber: SeverityNumber.INFO, body: 'held 2', attributes: { hold: true } });
    for (let i = 0; i < 3; i++) logger.emit({ severityNumber: SeverityNumber.INFO, body: `order ${i}` });
    await processor.forceFlush();
    await processor.shutdown();
    // The SDK asks enabled() first and builds nothing after shutdown; a caller may still hand one in.
    processor.onEmit(exported()[0]! as unknown as LogRecordLike);

    const points = await reader.collect();
    expect(points.map((p) => `${p.name} ${p.unit}`).sort()).toEqual([
      'logweave.stage.dropped {log_record}',
      'logweave.stage.dropped {log_record}',
      'otel.sdk.log.created {log_record}',
      'otel.sdk.processor.log.processed {log_record}',
      'otel.sdk.processor.log.processed {log_record}',
    ]);
    expect(valueOf(points, 'otel.sdk.log.created', {})).toBe(7);
    expect(valueOf(points, 'otel.sdk.processor.log.processed', pipelineComponent)).toBe(6);
    expect(valueOf(points, 'otel.sdk.processor.log.processed', { ...pipelineComponent, 'error.type': 'already_shutdown' })).toBe(1);
    const dropped = (stage: string, reason: string) =>
      valueOf(points, 'logweave.stage.dropped', { ...pipelineComponent, 'logweave.stage.name': stage, 'logweave.drop.reason': reason });
    expect(dropped('drop-debug', 'filtered')).toBe(1);
    expect(dropped('holder', 'expired')).toBe(2);
    expect(processor.stats()).toMatchObject({ received: 7, forwarded: 3, dropped: 4, droppedBy: { 'drop-debug': 1, holder: 2, 'after-shutdown': 1 } });
    await reader.shutdown();
  });

  it('uses the global MeterProvider registered when the pipeline is built, named <type>/<n> by default', async () => {
    const reader = metricReader();
    metrics.setGlobalMeterProvider(reader.meterProvider);
    const { logger } = setUp(line);
    logger.emit({ body: 'hello' });
    const points = await reader.collect();
    const processed = points.find((p) => p.name === 'otel.sdk.processor.log.processed')!;
    expect(processed.value).toBe(1);
    expect(processed.attributes['otel.component.type']).toBe('logweave.pipeline');
    expect(processed.attributes['otel.component.name']).toMatch(/^logweave\.pipeline\/\d+$/);
    await reader.shutdown();
  });
});

describe('sinkMetrics', () => {
  it('reports queue, export and retry metrics under the conventions\' names, units and attributes', async () => {
    const reader = metricReader();
    const sink = sinkMetrics({
      meterProvider: reader.meterProvider,
      type: 'logweave.otlp_sink',
      exporterType: 'otlp_http_log_exporter',
      name: 'collector',
      serverAddress: 'otel-collector',
      serverPort: 4318,
    });
    sink.processed(10);
    sink.processed(2, 'queue_full');
    sink.observeQueue(() => ({ size: 4, capacity: 2048 }));
    sink.observeBacklog(() => ({ bytes: 1_048_576, ageSeconds: 42 }));
    sink.exportStarted(6);
    sink.exportStarted(4);
    sink.exportFinished(6, 0.25, { httpStatusCode: 200 });
    sink.retried('503');
    sink.dropped(1, 'retries_exhausted');

    const points = await reader.collect();
    const processor = { 'otel.component.type': 'logweave.otlp_sink', 'otel.component.name': 'collector' };
    const exporter = {
      'otel.component.type': 'otlp_http_log_exporter',
      'otel.component.name': 'collector',
      'server.address': 'otel-collector',
      'server.port': 4318,
    };
    expect(valueOf(points, 'otel.sdk.processor.log.processed', processor)).toBe(10);
    expect(valueOf(points, 'otel.sdk.processor.log.processed', { ...processor, 'error.type': 'queue_full' })).toBe(2);
    expect(valueOf(points, 'otel.sdk.processor.log.queue.size', processor)).toBe(4);
    expect(valueOf(points, 'otel.sdk.processor.log.queue.capacity', processor)).toBe(2048);
    expect(valueOf(points, 'otel.sdk.exporter.log.inflight', exporter)).toBe(4);
    expect(valueOf(points, 'otel.sdk.exporter.log.exported', exporter)).toBe(6);
    expect(valueOf(points, 'otel.sdk.exporter.operation.duration', { ...exporter, 'http.response.status_code': 200 })).toMatchObject({ count: 1, sum: 0.25 });
    expect(valueOf(points, 'logweave.exporter.retries', { ...exporter, 'error.type': '503' })).toBe(1);
    expect(valueOf(points, 'logweave.sink.dropped', { ...processor, 'logweave.drop.reason': 'retries_exhausted' })).toBe(1);
    expect(valueOf(points, 'logweave.durable.backlog.size', processor)).toBe(1_048_576);
    expect(valueOf(points, 'logweave.durable.backlog.age', processor)).toBe(42);
    const units = Object.fromEntries(points.map((p) => [p.name, p.unit]));
    expect(units).toMatchObject({
      'otel.sdk.exporter.operation.duration': 's',
      'otel.sdk.exporter.log.inflight': '{log_record}',
      'logweave.durable.backlog.size': 'By',
      'logweave.durable.backlog.age': 's',
      'logweave.exporter.retries': '{retry}',
    });
    await reader.shutdown();
  });

  it('counts redactions by detector', async () => {
    const reader = metricReader();
    const redactions = redactionMetrics({ meterProvider: reader.meterProvider, name: 'redact' });
    redactions.redacted('aws-access-key');
    redactions.redacted('email', 3);
    const points = await reader.collect();
    const component = { 'otel.component.type': 'logweave.redact', 'otel.component.name': 'redact' };
    expect(valueOf(points, 'logweave.redact.redactions', { ...component, 'logweave.redact.detector': 'email' })).toBe(3);
    expect(valueOf(points, 'logweave.redact.redactions', { ...component, 'logweave.redact.detector': 'aws-access-key' })).toBe(1);
    await reader.shutdown();
  });

  it('rejects a missing type or a wrong meterProvider with a TypeError', () => {
    expect(() => sinkMetrics({} as never)).toThrow(/sinkMetrics: options.type/);
    expect(() => sinkMetrics({ type: 'x', meterProvider: {} as never })).toThrow(/sinkMetrics: meterProvider/);
  });
});
