import type { LogRecordLike, Sink } from '@logweave/core';
import {
  BatchQueue,
  resolveQueueOptions,
  deliverWithRetry,
  type BatchResult,
  type OtlpSink,
  type QueueOptions,
  type SinkStats,
} from '@logweave/otlp';
import { TargetSet, type TargetStats } from './internal/target-set.ts';

export interface MultiTargetOptions extends QueueOptions {
  /** Names the sink in stats and error reports. @default the component's name */
  name?: string;
  /** How long a failed collector is passed over before it is tried again. @default 30000 */
  cooldownMillis?: number;
}

export interface MultiTargetStats extends SinkStats {
  targets: TargetStats[];
}

export interface MultiTargetSink extends Sink {
  readonly name: string;
  stats(): MultiTargetStats;
}

/** Which records of a batch go together, and the index of the target to try first for them. */
export type BatchPlan = (records: LogRecordLike[]) => { start: number; records: LogRecordLike[] }[];

/**
 * One bounded queue in front of several OTLP endpoints (the given sinks' endpoints; their own
 * queues stay unused). Each batch is tried on the targets in the order its plan says.
 */
export class MultiTargetSinkImpl implements MultiTargetSink {
  readonly name: string;
  readonly #sinks: OtlpSink[];
  readonly #targets: TargetSet;
  readonly #queue: BatchQueue;
  #shutdown: Promise<void> | undefined;

  constructor(component: string, sinks: readonly OtlpSink[], options: MultiTargetOptions, plan: (targets: TargetSet) => BatchPlan) {
    if (!Array.isArray(sinks) || sinks.length === 0 || !sinks.every((s) => typeof s?.target?.attempt === 'function')) {
      throw new TypeError(`${component}: expects a non-empty array of otlpSink()s`);
    }
    const cooldownMillis = options.cooldownMillis ?? 30_000;
    if (!(cooldownMillis >= 0)) throw new TypeError(`${component}: cooldownMillis must be ≥ 0; got ${cooldownMillis}`);
    const resolved = resolveQueueOptions(options, component);
    this.name = options.name ?? component;
    this.#sinks = [...sinks];
    this.#targets = new TargetSet(sinks.map((s) => s.target), cooldownMillis);
    const planFor = plan(this.#targets);
    this.#queue = new BatchQueue({ ...resolved, name: this.name }, async (records, signal) => {
      const parts = planFor([...records]).map(({ start, records: part }) => {
        const attempt = (s: AbortSignal) => this.#targets.attemptRound(part, s, start);
        return deliverWithRetry(attempt, part.length, resolved.retry, this.#queue, signal);
      });
      return combine(await Promise.all(parts));
    });
  }

  onEmit(record: LogRecordLike): void {
    this.#queue.add(record);
  }

  stats(): MultiTargetStats {
    return { ...this.#queue.stats(), targets: this.#targets.stats() };
  }

  forceFlush(): Promise<void> {
    return this.#queue.forceFlush();
  }

  shutdown(): Promise<void> {
    this.#shutdown ??= this.#queue.shutdown().finally(() => Promise.all(this.#sinks.map((s) => s.shutdown())));
    return this.#shutdown;
  }
}

function combine(results: BatchResult[]): BatchResult {
  const total: BatchResult = { exported: 0, rejected: 0, dropped: 0 };
  for (const r of results) {
    total.exported += r.exported;
    total.rejected += r.rejected;
    total.dropped += r.dropped;
    if (r.dropReason !== undefined) total.dropReason = r.dropReason;
  }
  return total;
}
