import type { Context } from '@opentelemetry/api';
import type { DerivedLogRecord } from '@logweave/core';

export interface HeldRecord {
  readonly record: DerivedLogRecord;
  readonly context: Context | undefined;
  readonly bytes: number;
}

/** One request's (trace's) held records, oldest first; once triggered it holds nothing more. */
export interface ContextBuffer {
  readonly records: HeldRecord[];
  bytes: number;
  lastSeenAt: number;
  triggered: boolean;
}

export type DiscardReason = 'expired' | 'contextFull' | 'bufferFull' | 'shutdown';

export interface BufferLimits {
  readonly maxRecordsPerContext: number;
  readonly maxBytesPerContext: number;
  readonly maxContexts: number;
  readonly maxBytes: number;
}

/**
 * The contexts of a bufferUntilError stage, in a Map kept in order of last activity (a touched
 * context is moved to the end), so that the first entry is the next to age out or to be evicted.
 */
export class ContextBuffers {
  readonly #contexts = new Map<string, ContextBuffer>();
  readonly #limits: BufferLimits;
  readonly #onDiscard: (reason: DiscardReason, count: number) => void;
  #records = 0;
  #bytes = 0;

  constructor(limits: BufferLimits, onDiscard: (reason: DiscardReason, count: number) => void) {
    this.#limits = limits;
    this.#onDiscard = onDiscard;
  }

  get size(): number {
    return this.#contexts.size;
  }

  get records(): number {
    return this.#records;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get(key: string): ContextBuffer | undefined {
    return this.#contexts.get(key);
  }

  /** The context of `key`, moved to the end of the activity order (opened if new). */
  touch(key: string, now: number): ContextBuffer {
    let buffer = this.#contexts.get(key);
    if (buffer === undefined) {
      if (this.#contexts.size >= this.#limits.maxContexts) this.#evictOldest();
      buffer = { records: [], bytes: 0, lastSeenAt: now, triggered: false };
    } else {
      this.#contexts.delete(key);
      buffer.lastSeenAt = now;
    }
    this.#contexts.set(key, buffer);
    return buffer;
  }

  hold(buffer: ContextBuffer, held: HeldRecord): void {
    buffer.records.push(held);
    buffer.bytes += held.bytes;
    this.#records++;
    this.#bytes += held.bytes;
    const limits = this.#limits;
    while (buffer.records.length > limits.maxRecordsPerContext || buffer.bytes > limits.maxBytesPerContext) {
      this.#discardOldest(buffer, 'contextFull');
    }
    while (this.#bytes > limits.maxBytes) this.#discardFromLeastActive();
  }

  /** Empties a context's records (for release) and marks it triggered. */
  take(buffer: ContextBuffer): HeldRecord[] {
    const records = buffer.records.splice(0);
    this.#records -= records.length;
    this.#bytes -= buffer.bytes;
    buffer.bytes = 0;
    buffer.triggered = true;
    return records;
  }

  /** Discards the contexts idle since `before`; returns when the next one will be, or undefined. */
  expireIdleSince(before: number): number | undefined {
    for (const [key, buffer] of this.#contexts) {
      if (buffer.lastSeenAt > before) return buffer.lastSeenAt;
      this.#remove(key, buffer, 'expired');
    }
    return undefined;
  }

  clear(reason: DiscardReason): void {
    for (const [key, buffer] of this.#contexts) this.#remove(key, buffer, reason);
  }

  #evictOldest(): void {
    const [key, buffer] = this.#contexts.entries().next().value!;
    this.#remove(key, buffer, 'bufferFull');
  }

  #discardFromLeastActive(): void {
    for (const [key, buffer] of this.#contexts) {
      if (buffer.records.length > 0) {
        this.#discardOldest(buffer, 'bufferFull');
        return;
      }
      if (!buffer.triggered) this.#contexts.delete(key);
    }
  }

  #discardOldest(buffer: ContextBuffer, reason: DiscardReason): void {
    const oldest = buffer.records.shift()!;
    buffer.bytes -= oldest.bytes;
    this.#records--;
    this.#bytes -= oldest.bytes;
    this.#onDiscard(reason, 1);
  }

  #remove(key: string, buffer: ContextBuffer, reason: DiscardReason): void {
    this.#contexts.delete(key);
    const count = buffer.records.length;
    if (count === 0) return;
    this.#records -= count;
    this.#bytes -= buffer.bytes;
    this.#onDiscard(reason, count);
  }
}
