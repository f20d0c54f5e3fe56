import type { LogRecordLike } from '@logweave/core';

/** A FIFO ring of records with their estimated sizes; capacity fixed at construction. */
export class RecordQueue {
  readonly #records: (LogRecordLike | undefined)[];
  readonly #sizes: Float64Array;
  #head = 0;
  #length = 0;
  #bytes = 0;

  constructor(capacity: number) {
    this.#records = Array.from({ length: capacity }, () => undefined);
    this.#sizes = new Float64Array(capacity);
  }

  get length(): number {
    return this.#length;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** The caller checks the bounds first: the ring never overwrites. */
  push(record: LogRecordLike, size: number): void {
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
}
