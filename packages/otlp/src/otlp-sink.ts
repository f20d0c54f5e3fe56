import { claimTarget, type LogRecordLike, type Sink, type Target, type TargetStats } from '@logweave/core';
import { DurableSinkCore, type DurableStats } from './durable/durable-sink.ts';
import { jsonEncoder, officialEncoder, protobufEncoder, type LogsEncoder } from './encoding/index.ts';
import { BatchQueue } from './internal/batch-queue.ts';
import { requestEncoder } from './internal/encode-requests.ts';
import { sendBatches } from './internal/send-batch.ts';
import type { SinkStats } from './internal/sink-counters.ts';
import { resolveOtlpSinkOptions, type OtlpSinkOptions, type ResolvedOtlpSinkOptions } from './options.ts';
import { targetFromResolved } from './otlp-target.ts';

/** A sink's counters; in durable mode with the disk's; with `targets` when its target is a composite. */
export type OtlpSinkStats = (SinkStats | DurableStats) & { targets?: TargetStats[] };

export interface OtlpSink extends Sink {
  readonly name: string;
  stats(): OtlpSinkStats;
}

/**
 * A sink with one bounded queue, batching, encoding and collector-grade retry in front of a
 * target: an otlpTarget(), a failover() or a loadBalance(), or the endpoint named inline. In
 * durable mode the batches wait in a write-ahead queue on disk until the target accepts them.
 */
export function otlpSink(options: OtlpSinkOptions = {}): OtlpSink {
  return new OtlpSinkImpl(resolveOtlpSinkOptions(options));
}

class OtlpSinkImpl implements OtlpSink {
  readonly name: string;
  readonly #target: Target;
  /** In memory, or on disk in durable mode. */
  readonly #queue: BatchQueue | DurableSinkCore;
  #shutdown: Promise<void> | undefined;

  constructor(options: ResolvedOtlpSinkOptions) {
    this.name = options.name;
    const target = 'send' in options.target ? options.target : targetFromResolved(options.target);
    this.#target = target;
    const encode = requestEncoder(encoderFor(options.encoder, target), target);
    if (options.durable !== undefined) {
      this.#queue = new DurableSinkCore(options, options.durable, target, encode);
    } else {
      const queue: BatchQueue = new BatchQueue(options, sendBatches(target, encode, options.retry, () => queue));
      this.#queue = queue;
    }
    // Last, so that a sink that failed to set up leaves its target free for another try.
    claimTarget(target, 'otlpSink', 'target');
  }

  onEmit(record: LogRecordLike): void {
    this.#queue.add(record);
  }

  stats(): OtlpSinkStats {
    const stats = this.#queue.stats();
    return this.#target.stats === undefined ? stats : { ...stats, targets: this.#target.stats() };
  }

  forceFlush(): Promise<void> {
    return this.#queue.forceFlush();
  }

  /** Flushes, stops, then closes the target: a sink owns the target it was given. */
  shutdown(): Promise<void> {
    this.#shutdown ??= this.#queue.shutdown().finally(() => this.#target.close());
    return this.#shutdown;
  }
}

function encoderFor(encoder: 'logweave' | 'official', target: Target): LogsEncoder {
  if (encoder === 'official') return officialEncoder(target.encoding);
  return target.encoding === 'json' ? jsonEncoder() : protobufEncoder();
}
