import { createNoopMeter, type Attributes, type Meter, type MeterProvider } from '@opentelemetry/api';

/** The SDK's own count of records a log processor finished, by outcome (semantic conventions, otel.sdk.*). */
const PROCESSED = 'otel.sdk.processor.log.processed';

/**
 * A MeterProvider that only tallies `otel.sdk.processor.log.processed` by its `error.type`
 * (`queue_full` for a record the BatchLogRecordProcessor dropped, an error name for a failed
 * export, none for an exported record): what the stock pipeline reports about its own losses.
 */
export function countingMeterProvider(): MeterProvider & { tally: Record<string, number> } {
  const tally: Record<string, number> = {};
  const noop = createNoopMeter();
  const meter: Meter = Object.create(noop) as Meter;
  meter.createCounter = (name, options) => {
    if (name !== PROCESSED) return noop.createCounter(name, options);
    return {
      add(value: number, attributes?: Attributes) {
        const outcome = String(attributes?.['error.type'] ?? 'exported');
        tally[outcome] = (tally[outcome] ?? 0) + value;
      },
    };
  };
  return { tally, getMeter: () => meter };
}
