import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startDevReceiver, type DevReceiver } from '../src/index.ts';
import { openEvents } from './helpers.ts';

let receiver: DevReceiver | undefined;
let lines: string[] = [];
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
  lines = [];
});

const attrs = (a: Record<string, string | number>) =>
  Object.entries(a).map(([key, v]) => ({ key, value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v } }));
const CUMULATIVE = 2;
const DELTA = 1;

/** An OTLP/JSON ExportMetricsServiceRequest as @opentelemetry/exporter-metrics-otlp-http writes it. */
function metricsJson(temporality: number, values: { created: number; filtered: number; queue: number }) {
  const pipeline = { 'otel.component.type': 'logweave.pipeline', 'otel.component.name': 'checkout' };
  const sum = (name: string, points: { attributes: Record<string, string | number>; value: number }[]) => ({
    name,
    unit: '{log_record}',
    sum: { aggregationTemporality: temporality, isMonotonic: true, dataPoints: points.map((p) => ({ attributes: attrs(p.attributes), asInt: String(p.value) })) },
  });
  return JSON.stringify({
    resourceMetrics: [{
      resource: { attributes: attrs({ 'service.name': 'shop' }) },
      scopeMetrics: [{
        scope: { name: '@logweave/core' },
        metrics: [
          sum('otel.sdk.log.created', [{ attributes: {}, value: values.created }]),
          sum('logweave.stage.dropped', [{ attributes: { ...pipeline, 'logweave.stage.name': 'sample', 'logweave.drop.reason': 'filtered' }, value: values.filtered }]),
          { name: 'otel.sdk.processor.log.queue.size', unit: '{log_record}', sum: { aggregationTemporality: CUMULATIVE, isMonotonic: false, dataPoints: [{ attributes: attrs({ 'otel.component.name': 'otlp' }), asInt: values.queue }] } },
          { name: 'otel.sdk.processor.log.queue.capacity', unit: '{log_record}', sum: { aggregationTemporality: CUMULATIVE, isMonotonic: false, dataPoints: [{ attributes: attrs({ 'otel.component.name': 'otlp' }), asInt: 2048 }] } },
          { name: 'logweave.durable.backlog.size', unit: 'By', gauge: { dataPoints: [{ attributes: attrs({ 'otel.component.name': 'otlp' }), asDouble: 4096 }] } },
          { name: 'http.server.request.duration', unit: 's', histogram: { dataPoints: [] } },
        ],
      }],
    }],
  });
}

async function postMetrics(body: string | Uint8Array, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  return fetch(`${receiver!.url}/v1/metrics`, { method: 'POST', body, headers });
}

describe('startDevReceiver pipeline health', () => {
  it('sums the self-metrics posted to /v1/metrics into the health shown beside the records', async () => {
    receiver = await startDevReceiver({ port: 0, color: false, write: (l) => lines.push(l) });
    expect(receiver.health()).toBeUndefined();
    expect((await postMetrics(metricsJson(CUMULATIVE, { created: 10, filtered: 2, queue: 3 }))).status).toBe(200);
    const page = await openEvents(`${receiver.url}/events`);
    expect((await postMetrics(gzipSync(metricsJson(CUMULATIVE, { created: 25, filtered: 5, queue: 7 })), {
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    })).status).toBe(200);

    expect(receiver.health()).toMatchObject({ created: 25, dropped: { 'sample/filtered': 5 }, queue: { size: 7, capacity: 2048 }, backlog: { bytes: 4096 } });
    expect(lines.at(-1)).toBe('logweave dev: health: created 25 · processed 0 · dropped sample/filtered 5 · queue 7/2048 · exported 0 · backlog 4096 B, oldest 0 s');
    const [hello, first, second] = await page.until(3);
    page.close();
    expect(hello!.event).toBe('hello');
    expect([first!.event, JSON.parse(first!.data).created]).toEqual(['health', 10]);
    expect([second!.event, JSON.parse(second!.data).created]).toEqual(['health', 25]);
  });

  it('adds up delta sums', async () => {
    receiver = await startDevReceiver({ port: 0, color: false, write: (l) => lines.push(l) });
    await postMetrics(metricsJson(DELTA, { created: 10, filtered: 2, queue: 3 }));
    await postMetrics(metricsJson(DELTA, { created: 4, filtered: 1, queue: 1 }));
    expect(receiver.health()).toMatchObject({ created: 14, dropped: { 'sample/filtered': 3 }, queue: { size: 1 } });
  });

  it('refuses protobuf metrics with 415 and says to use http/json', async () => {
    receiver = await startDevReceiver({ port: 0, color: false, write: (l) => lines.push(l) });
    const response = await postMetrics(new Uint8Array([10, 0]), { 'content-type': 'application/x-protobuf' });
    expect(response.status).toBe(415);
    expect(await response.text()).toMatch(/http\/json/);
    expect(receiver.stats().refusedRequests).toBe(1);
  });
});
