import type { MeterProvider } from '@opentelemetry/api';

/** A `meterProvider` option that is not one is a TypeError naming the sink, at set-up. */
export function assertMeterProvider(value: unknown, component: string): asserts value is MeterProvider | undefined {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || typeof (value as MeterProvider).getMeter !== 'function') {
    throw new TypeError(`${component}: meterProvider must be a MeterProvider (an object with getMeter())`);
  }
}
