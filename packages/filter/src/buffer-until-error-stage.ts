import type { Context } from '@opentelemetry/api';
import { copyRecord, HOLD, type Hold, type LogRecordLike, type Stage, type StageHost } from '@logweave/core';
import { ContextBuffers, type ContextBuffer, type DiscardReason } from './internal/context-buffers.ts';
import { DeadlineTimer } from './internal/deadline-timer.ts';
import { estimateRecordBytes } from './internal/record-bytes.ts';
import { resolveBufferUntilErrorOptions, type BufferUntilErrorOptions, type ResolvedBufferUntilError } from './options.ts';

/**
 * `true` on every record let through because its context reached the trigger severity: the held
 * records released then, and the records of that context held-severity or below that follow.
 * `sample()` keeps records carrying it, so a failing request's story survives sampling.
 */
export const BUFFER_RELEASED = 'logweave.buffer.released';

const INVALID_TRACE_ID = '00000000000000000000000000000000';

export interface BufferUntilErrorStats {
  /** Contexts tracked now (holding records, or triggered). */
  contexts: number;
  /** Records held now, and their estimated bytes. */
  bufferedRecords: number;
  bufferedBytes: number;
  /** Records held, in all. */
  held: number;
  /** Contexts that reached the trigger severity. */
  triggers: number;
  /** Held records released by a trigger. */
  released: number;
  /** Records below `holdBelow` let through at once, marked, because their context had triggered. */
  passedAfterTrigger: number;
  /** Held records discarded, in all and by reason. */
  dropped: number;
  droppedBy: Record<DiscardReason, number>;
}

export interface BufferUntilErrorStage extends Stage {
  stats(): BufferUntilErrorStats;
}

/**
 * Keeps the story of a failing request: holds the records below `holdBelow` of each context (trace)
 * and releases them, in order and marked, when a record at or above `trigger` appears in the same
 * context; discards them, counted, when the context goes idle for `maxAgeMillis` or a bound is hit.
 */
export function bufferUntilError(options?: BufferUntilErrorOptions): BufferUntilErrorStage {
  return new BufferUntilError(resolveBufferUntilErrorOptions(options));
}

class BufferUntilError implements BufferUntilErrorStage {
  readonly name: string;
  readonly #options: ResolvedBufferUntilError;
  readonly #buffers: ContextBuffers;
  readonly #timer = new DeadlineTimer(() => this.#expire());
  readonly #droppedBy: Record<DiscardReason, number> = { expired: 0, contextFull: 0, bufferFull: 0, shutdown: 0 };
  #host: StageHost | undefined;
  #stopped = false;
  #held = 0;
  #triggers = 0;
  #released = 0;
  #passedAfterTrigger = 0;

  constructor(options: ResolvedBufferUntilError) {
    this.#options = options;
    this.name = options.name;
    this.#buffers = new ContextBuffers(options, (reason, count) => this.#discarded(reason, count));
  }

  start(host: StageHost): void {
    this.#host = host;
  }

  process(record: LogRecordLike, context: Context | undefined): void | Hold {
    // Without a host nothing held could ever be released: let everything through.
    if (this.#host === undefined || this.#stopped) return;
    const severity = record.severityNumber ?? 0;
    const options = this.#options;
    if (severity >= options.holdBelow && severity < options.trigger) return;
    const key = options.key === undefined ? traceKey(record) : options.key(record, context);
    if (typeof key !== 'string') return;
    const now = Date.now();
    if (severity >= options.trigger) {
      this.#trigger(key, now);
      return;
    }
    if (options.passWhen?.(record, context) === true) return;
    const buffer = this.#touch(key, now);
    if (buffer.triggered) {
      record.setAttribute(BUFFER_RELEASED, true);
      this.#passedAfterTrigger++;
      return;
    }
    this.#held++;
    this.#buffers.hold(buffer, { record: copyRecord(record), context, bytes: estimateRecordBytes(record) });
    return HOLD;
  }

  stats(): BufferUntilErrorStats {
    const droppedBy = { ...this.#droppedBy };
    return {
      contexts: this.#buffers.size,
      bufferedRecords: this.#buffers.records,
      bufferedBytes: this.#buffers.bytes,
      held: this.#held,
      triggers: this.#triggers,
      released: this.#released,
      passedAfterTrigger: this.#passedAfterTrigger,
      dropped: Object.values(droppedBy).reduce((sum, n) => sum + n, 0),
      droppedBy,
    };
  }

  /** Held records wait for their trigger: a flush does not release them (nothing was promised). */
  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {
    this.#stopped = true;
    this.#timer.cancel();
    this.#buffers.clear('shutdown');
  }

  #trigger(key: string, now: number): void {
    const buffer = this.#touch(key, now);
    if (buffer.triggered) return;
    this.#triggers++;
    const released = this.#buffers.take(buffer);
    for (const held of released) {
      held.record.setAttribute(BUFFER_RELEASED, true);
      this.#released++;
      this.#host!.forward(held.record, held.context);
    }
  }

  #touch(key: string, now: number): ContextBuffer {
    // The timer keeps the earliest deadline: the least recently active context's, always due first.
    this.#timer.armAt(now + this.#options.maxAgeMillis, now);
    return this.#buffers.touch(key, now);
  }

  #expire(): void {
    const now = Date.now();
    const next = this.#buffers.expireIdleSince(now - this.#options.maxAgeMillis);
    if (next !== undefined) this.#timer.armAt(next + this.#options.maxAgeMillis, now);
  }

  #discarded(reason: DiscardReason, count: number): void {
    this.#droppedBy[reason] += count;
    this.#host?.discard(reason, count);
  }
}

function traceKey(record: LogRecordLike): string | undefined {
  const traceId = record.spanContext?.traceId;
  return traceId === undefined || traceId === INVALID_TRACE_ID ? undefined : traceId;
}
