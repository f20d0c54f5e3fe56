import type { LogRecordLike } from '@logweave/core';

/** Slots a ring starts with: a quiet sink holds a few kilobytes, not its whole record cap. */
const INITIAL_SLOTS = 1024;

/**
 * A FIFO ring of records with their estimated sizes. It doubles when full, up to `capacity`:
 * the cap can be large (the byte bound is the real limit) without being allocated up front.
 */
export class RecordQueue {
  readonly #capacity: number;
  #records: (LogRecordLike | undefined)[];
  #sizes: Float64Array;
  #head = 0;
  #length = 0;
  #bytes = 0;

  constructor(capacity: number) {
    this.#capacity = capacity;
    const slots = Math.min(capacity, INITIAL_SLOTS);
    this.#records = Array.from<LogRecordLike | undefined>({ length: slots });
    this.#sizes = new Float64Array(slots);
  }

  get length(): number {
    return this.#length;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The caller checks the bounds first: the ring never overwrites. */
  push(record: LogRecordLike, size: number): void {
    if (this.#length === this.#records.length) this.#grow();
    const at = (this.#head + this.#length) % this.#records.length;
    this.#records[at] = record;
    this.#sizes[at] = size;
    this.#length++;
    this.#bytes += size;
  }

  /** Removes the oldest record; returns its size. */
  dropOldest(): number {
    const size = this.#sizes[this.#head]!;
    this.#records[this.#head] = undefined;
    this.#head = (this.#head + 1) % this.#records.length;
    this.#length--;
    this.#bytes -= size;
    return size;
  }

  /** Removes up to `count` records from the front, and no more than `maxBytes` of them (but at least one). */
  take(count: number, maxBytes = Infinity): { records: LogRecordLike[]; bytes: number } {
    const limit = Math.min(count, this.#length);
    const records: LogRecordLike[] = [];
    let bytes = 0;
    let n = 0;
    for (; n < limit; n++) {
      const size = this.#sizes[this.#head]!;
      if (n > 0 && bytes + size > maxBytes) break;
      records.push(this.#records[this.#head]!);
      bytes += size;
      this.#records[this.#head] = undefined;
      this.#head = (this.#head + 1) % this.#records.length;
    }
    this.#length -= n;
    this.#bytes -= bytes;
    return { records, bytes };
  }

  /** Copies the ring, oldest first, into twice the slots (at most the capacity). */
  #grow(): void {
    const slots = Math.min(this.#capacity, this.#records.length * 2);
    const records = Array.from<LogRecordLike | undefined>({ length: slots });
    const sizes = new Float64Array(slots);
    for (let i = 0; i < this.#length; i++) {
      const from = (this.#head + i) % this.#records.length;
      records[i] = this.#records[from];
      sizes[i] = this.#sizes[from]!;
    }
    this.#records = records;
    this.#sizes = sizes;
    this.#head = 0;
  }
}
