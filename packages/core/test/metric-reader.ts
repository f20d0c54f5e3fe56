import type { MeterProvider as ApiMeterProvider } from '@opentelemetry/api';
import { AggregationTemporality, MeterProvider, MetricReader, type DataPoint } from '@opentelemetry/sdk-metrics';

class TestReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export interface Point {
  name: string;
  unit: string;
  attributes: Record<string, unknown>;
  value: unknown;
}

/** A MeterProvider read in memory: `collect()` returns every data point, cumulative. */
export function metricReader() {
  const reader = new TestReader({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  const meterProvider = new MeterProvider({ readers: [reader] });
  return {
    meterProvider: meterProvider as ApiMeterProvider,
    async collect(): Promise<Point[]> {
      const { resourceMetrics, errors } = await reader.collect();
      if (errors.length > 0) throw errors[0];
      return resourceMetrics.scopeMetrics.flatMap((scope) =>
        scope.metrics.flatMap((metric) =>
          (metric.dataPoints as DataPoint<unknown>[]).map((point) => ({
            name: metric.descriptor.name,
            unit: metric.descriptor.unit,
            attributes: point.attributes,
            value: point.value,
          })),
        ),
      );
    },
    shutdown: () => meterProvider.shutdown(),
  };
}

/** The value of the one point with `name` and exactly `attributes`. */
export function valueOf(points: readonly Point[], name: string, attributes: Record<string, unknown>): unknown {
  const found = points.filter((p) => p.name === name && sameAttributes(p.attributes, attributes));
  if (found.length !== 1) throw new Error(`${found.length} points ${name} ${JSON.stringify(attributes)}`);
  return found[0]!.value;
}

function sameAttributes(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
