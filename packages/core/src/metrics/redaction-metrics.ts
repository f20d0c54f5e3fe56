import type { Attributes, Counter, MeterProvider } from '@opentelemetry/api';
import { assertMeterProvider, componentAttributes, logweaveMeter } from './meter.ts';
import { ATTR_REDACT_DETECTOR, METRIC_REDACT_REDACTIONS } from './names.ts';

export interface RedactionMetricsOptions {
  /** @default the global MeterProvider registered when the component is built */
  meterProvider?: MeterProvider | undefined;
  /** `otel.component.type`. @default 'logweave.redact' */
  type?: string;
  /** `otel.component.name`. @default `<type>/<n>` */
  name?: string;
}

export interface RedactionMetrics {
  /** `count` values redacted by `detector` (`logweave.redact.redactions`). */
  redacted(detector: string, count?: number): void;
}

/** Counts redactions by detector; attribute sets are cached per detector name (a fixed, small set). */
export function redactionMetrics(options: RedactionMetricsOptions = {}): RedactionMetrics {
  assertMeterProvider('redactionMetrics', options.meterProvider);
  const counter: Counter = logweaveMeter(options.meterProvider).createCounter(METRIC_REDACT_REDACTIONS, {
    unit: '{redaction}',
    description: 'Values redacted, by detector.',
  });
  const component = componentAttributes(options.type ?? 'logweave.redact', options.name);
  const byDetector = new Map<string, Attributes>();
  return {
    redacted(detector: string, count = 1): void {
      let attributes = byDetector.get(detector);
      if (attributes === undefined) {
        attributes = { ...component, [ATTR_REDACT_DETECTOR]: detector };
        byDetector.set(detector, attributes);
      }
      counter.add(count, attributes);
    },
  };
}
