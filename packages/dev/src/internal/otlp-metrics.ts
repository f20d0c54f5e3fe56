import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { MetricPoint } from './pipeline-health.ts';

const gunzipAsync = promisify(gunzip);
const DELTA = 1;

export type MetricsRequestResult = { status: 200; points: MetricPoint[] } | { status: 400 | 413 | 415; error: string };

/**
 * Reads an OTLP/HTTP JSON ExportMetricsServiceRequest (optionally gzip) into flat points: sums and
 * gauges only, which is what the pipeline's health needs. Protobuf is refused with 415: the dev
 * receiver decodes logs with the official schema, and carries no metrics schema.
 */
export async function readMetricsRequest(req: IncomingMessage, maxBodyBytes: number): Promise<MetricsRequestResult> {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= maxBodyBytes) chunks.push(chunk as Buffer);
  }
  if (contentType !== 'application/json') {
    return { status: 415, error: 'metrics are read as OTLP/JSON only (OTEL_EXPORTER_OTLP_METRICS_PROTOCOL=http/json)' };
  }
  if (size > maxBodyBytes) return { status: 413, error: `body larger than ${maxBodyBytes} bytes` };
  try {
    const gzip = (req.headers['content-encoding'] ?? '').toLowerCase() === 'gzip';
    const body = Buffer.concat(chunks);
    const raw = gzip ? await gunzipAsync(body, { maxOutputLength: maxBodyBytes }) : body;
    return { status: 200, points: metricPoints(JSON.parse(raw.toString('utf8'))) };
  } catch (error) {
    return { status: 400, error: `cannot read metrics: ${(error as Error).message}` };
  }
}

interface JsonValue { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean }
interface JsonPoint { attributes?: { key: string; value: JsonValue }[]; asInt?: string | number; asDouble?: number }
interface JsonMetric {
  name: string;
  sum?: { dataPoints?: JsonPoint[]; aggregationTemporality?: number | string };
  gauge?: { dataPoints?: JsonPoint[] };
}

function metricPoints(request: { resourceMetrics?: { scopeMetrics?: { metrics?: JsonMetric[] }[] }[] }): MetricPoint[] {
  const points: MetricPoint[] = [];
  for (const resource of request.resourceMetrics ?? []) {
    for (const scope of resource.scopeMetrics ?? []) {
      for (const metric of scope.metrics ?? []) {
        const series = metric.sum ?? metric.gauge;
        if (series === undefined || typeof metric.name !== 'string') continue;
        const delta = metric.sum !== undefined && isDelta(metric.sum.aggregationTemporality);
        for (const point of series.dataPoints ?? []) {
          points.push({ name: metric.name, attributes: attributesOf(point), value: Number(point.asInt ?? point.asDouble ?? 0), delta });
        }
      }
    }
  }
  return points;
}

function isDelta(temporality: number | string | undefined): boolean {
  return temporality === DELTA || temporality === 'AGGREGATION_TEMPORALITY_DELTA';
}

function attributesOf(point: JsonPoint): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const { key, value } of point.attributes ?? []) {
    attributes[key] = value.stringValue ?? (value.intValue !== undefined ? Number(value.intValue) : value.doubleValue ?? value.boolValue);
  }
  return attributes;
}
