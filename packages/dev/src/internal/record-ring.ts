import type { ReceivedLogRecord } from '@logweave/otlp-schema';

/** A received record, its arrival number, and its JSON for the page (serialised once, sent to every client). */
export interface RingEntry {
  seq: number;
  record: ReceivedLogRecord;
  json: string;
}

/**
 * The last `capacity` records, oldest overwritten when full. Entries are numbered from 1 in
 * arrival order, so a reader that remembers the last number it saw can resume, or learn how
 * many it missed.
 */
export class RecordRing {
  readonly #slots: (RingEntry | undefined)[];
  #lastSeq = 0;

  constructor(capacity: number) {
    this.#slots = Array.from<RingEntry | undefined>({ length: capacity });
  }

  /** The number of the newest entry; 0 before the first. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** The number of the oldest entry still held (lastSeq + 1 when empty). */
  get firstSeq(): number {
    return Math.max(1, this.#lastSeq - this.#slots.length + 1);
  }

  get size(): number {
    return this.#lastSeq - this.firstSeq + 1;
  }

  push(record: ReceivedLogRecord): RingEntry {
    const seq = ++this.#lastSeq;
    const entry = { seq, record, json: toPageJson(seq, record) };
    this.#slots[seq % this.#slots.length] = entry;
    return entry;
  }

  /** The entry numbered `seq`, or undefined when it was overwritten or has not arrived. */
  get(seq: number): RingEntry | undefined {
    return seq >= this.firstSeq && seq <= this.#lastSeq ? this.#slots[seq % this.#slots.length] : undefined;
  }

  records(): ReceivedLogRecord[] {
    const out: ReceivedLogRecord[] = [];
    for (let seq = this.firstSeq; seq <= this.#lastSeq; seq++) out.push(this.#slots[seq % this.#slots.length]!.record);
    return out;
  }
}

/** JSON has no bigint and no bytes: int64 beyond 2^53 as decimal strings, bytes as base64. */
function toPageJson(seq: number, record: ReceivedLogRecord): string {
  return JSON.stringify({ seq, ...record }, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
  );
}
