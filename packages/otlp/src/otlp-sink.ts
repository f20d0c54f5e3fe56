import type { LogRecordLike, Sink } from '@logweave/core';
import { jsonEncoder, officialEncoder, protobufEncoder, type LogsEncoder } from './encoding/index.ts';
import { DurableSinkCore, type DurableStats } from './durable/durable-sink.ts';
import { BatchQueue } from './internal/batch-queue.ts';
import type { BatchTarget } from './internal/delivery.ts';
import { HttpTarget } from './internal/http-target.ts';
import { deliverWithRetry } from './internal/retry-loop.ts';
import type { SinkStats } from './internal/sink-counters.ts';
import { resolveOtlpSinkOptions, type OtlpSinkOptions, type ResolvedOtlpSinkOptions } from './options.ts';

export interface OtlpSink extends Sink {
  readonly name: string;
  /** The endpoint alone, without this sink's queue: what failover and load balancing send batches to. */
  readonly target: BatchTarget;
  /** Counters; in durable mode with `persisted`, `onDisk`, `diskBytes`, `replayed`, `corruptEntries`. */
  stats(): SinkStats | DurableStats;
}

/**
 * A sink with its own bounded queue, batching and OTLP/HTTP export with collector-grade retry,
 * configured by its options or, where they are silent, by the OTEL_EXPORTER_OTLP_* variables.
 */
export function otlpSink(options: OtlpSinkOptions = {}): OtlpSink {
  return new OtlpHttpSink(resolveOtlpSinkOptions(options));
}

class OtlpHttpSink implements OtlpSink {
  readonly name: string;
  readonly target: HttpTarget;
  /** In memory, or on disk in durable mode. */
  readonly #queue: BatchQueue | DurableSinkCore;
  #shutdown: Promise<void> | undefined;

  constructor(options: ResolvedOtlpSinkOptions) {
    this.name = options.name;
    const target = new HttpTarget({ ...options, encoder: encoderFor(options) });
    this.target = target;
    if (options.durable !== undefined) {
      this.#queue = new DurableSinkCore(options, options.durable, target);
    } else {
      const queue: BatchQueue = new BatchQueue(options, (records, signal) =>
        deliverWithRetry((s) => target.attempt(records, s), records.length, options.retry, queue, signal),
      );
      this.#queue = queue;
    }
  }

  onEmit(record: LogRecordLike): void {
    this.#queue.add(record);
  }

  stats(): SinkStats | DurableStats {
    return this.#queue.stats();
  }

  forceFlush(): Promise<void> {
    return this.#queue.forceFlush();
  }

  shutdown(): Promise<void> {
    this.#shutdown ??= this.#queue.shutdown().finally(() => this.target.close());
    return this.#shutdown;
  }
}

function encoderFor(options: ResolvedOtlpSinkOptions): LogsEncoder {
  const kind = options.protocol === 'http/json' ? 'json' : 'protobuf';
  if (options.encoder === 'official') return officialEncoder(kind);
  return kind === 'json' ? jsonEncoder() : protobufEncoder();
}
