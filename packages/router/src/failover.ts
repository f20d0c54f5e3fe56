import type { OtlpSink } from '@logweave/otlp';
import { MultiTargetSinkImpl, type MultiTargetOptions, type MultiTargetSink } from './multi-target-sink.ts';

/**
 * Sends every batch to the first collector that is up, in the order given: to B while A is
 * failing, back to A once its cooldown has passed and it accepts again.
 */
export function failover(sinks: readonly OtlpSink[], options: MultiTargetOptions = {}): MultiTargetSink {
  return new MultiTargetSinkImpl('failover', sinks, options, () => (records) => [{ start: 0, records }]);
}
