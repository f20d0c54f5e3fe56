import { metrics, type Attributes, type Meter, type MeterProvider } from '@opentelemetry/api';
import { ATTR_COMPONENT_NAME, ATTR_COMPONENT_TYPE } from './names.ts';

/** Instrumentation scope of every logweave self-metric. */
export const METER_NAME = '@logweave/core';

/**
 * The meter self-metrics are recorded with: from `meterProvider` when given, otherwise from the
 * global MeterProvider registered at this moment (the API's no-op one when none is, whose
 * instruments cost a call to an empty function).
 */
export function logweaveMeter(meterProvider?: MeterProvider): Meter {
  return (meterProvider ?? metrics.getMeterProvider()).getMeter(METER_NAME);
}

const instances = new Map<string, number>();

/**
 * `otel.component.type` and `otel.component.name` of one component: the name given, or
 * `<type>/<n>` with n counting the instances of that type from 0, as the conventions suggest.
 */
export function componentAttributes(type: string, name?: string): Attributes {
  let instanceName = name;
  if (instanceName === undefined) {
    const n = instances.get(type) ?? 0;
    instances.set(type, n + 1);
    instanceName = `${type}/${n}`;
  }
  return { [ATTR_COMPONENT_TYPE]: type, [ATTR_COMPONENT_NAME]: instanceName };
}

export function assertMeterProvider(component: string, value: unknown): asserts value is MeterProvider | undefined {
  if (value === undefined) return;
  if (value === null || typeof value !== 'object' || typeof (value as MeterProvider).getMeter !== 'function') {
    throw new TypeError(`${component}: meterProvider must be a MeterProvider (an object with getMeter())`);
  }
}
