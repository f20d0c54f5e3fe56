import type { LogRecordLike } from '@logweave/core';
import type { OtlpSink } from '@logweave/otlp';
import type { TargetSet } from './internal/target-set.ts';
import { MultiTargetSinkImpl, type BatchPlan, type MultiTargetOptions, type MultiTargetSink } from './multi-target-sink.ts';

export interface LoadBalanceOptions extends MultiTargetOptions {
  /**
   * 'round-robin': batches take turns; 'trace-id': the records of one trace always go to the
   * same collector while it is up (records without a trace take turns).
   * @default 'round-robin'
   */
  by?: 'round-robin' | 'trace-id';
}

/** Spreads batches over several collectors; a collector that fails is passed over until it recovers. */
export function loadBalance(sinks: readonly OtlpSink[], options: LoadBalanceOptions = {}): MultiTargetSink {
  const by = options.by ?? 'round-robin';
  if (by !== 'round-robin' && by !== 'trace-id') {
    throw new TypeError(`loadBalance: by must be 'round-robin' or 'trace-id'; got '${String(by)}'`);
  }
  return new MultiTargetSinkImpl('loadBalance', sinks, options, by === 'round-robin' ? roundRobin : byTraceId);
}

function roundRobin(targets: TargetSet): BatchPlan {
  let next = 0;
  return (records) => [{ start: next++ % targets.size, records }];
}

function byTraceId(targets: TargetSet): BatchPlan {
  let next = 0;
  return (records) => {
    const parts = new Map<number, LogRecordLike[]>();
    for (const record of records) {
      const traceId = record.spanContext?.traceId;
      const start = traceId === undefined ? next++ % targets.size : traceSlot(traceId, targets.size);
      let part = parts.get(start);
      if (part === undefined) parts.set(start, (part = []));
      part.push(record);
    }
    return [...parts].map(([start, part]) => ({ start, records: part }));
  };
}

/** The low 32 bits of the trace id, which W3C trace context keeps random. */
function traceSlot(traceId: string, size: number): number {
  const low = Number.parseInt(traceId.slice(-8), 16);
  return Number.isNaN(low) ? 0 : low % size;
}
