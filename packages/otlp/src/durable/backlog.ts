import type { EntryRef } from './segment-log.ts';

/** The entries of one segment still to send. */
export interface PendingSegment {
  segment: number;
  records: number;
  /** Bytes of the frames still to send. */
  bytes: number;
  /** Oldest first; undefined while the segment is counted (from its index) but not yet listed. */
  entries: EntryRef[] | undefined;
  /** When its oldest and newest entries were written (ms since the epoch), for a segment not listed. */
  firstWrittenMillis: number;
  lastWrittenMillis: number;
}

/**
 * The entries not yet acknowledged, oldest first, grouped by segment. A segment counted from its
 * index is listed (its headers read) only when the sender reaches it, so that opening a large
 * backlog costs a few small reads per segment; `list` then says what the segment really holds.
 */
export class Backlog {
  records = 0;
  bytes = 0;
  readonly #segments: PendingSegment[] = [];
  readonly #list: (segment: PendingSegment) => EntryRef[];

  constructor(list: (segment: PendingSegment) => EntryRef[]) {
    this.#list = list;
  }

  get empty(): boolean {
    return this.#segments.length === 0;
  }

  /** The oldest segment with entries to send. */
  get firstSegment(): number | undefined {
    return this.#segments[0]?.segment;
  }

  /** When the oldest entry was written, if any is left. */
  get oldestWrittenMillis(): number | undefined {
    const first = this.#segments[0];
    return first === undefined ? undefined : (first.entries?.[0]?.writtenAtMillis ?? first.firstWrittenMillis);
  }

  /** Adds a segment found at open, listed or only counted; segments come oldest first. */
  addSegment(segment: PendingSegment): void {
    this.#segments.push(segment);
    this.records += segment.records;
    this.bytes += segment.bytes;
  }

  /** Adds an entry just written. */
  push(ref: EntryRef): void {
    let last = this.#segments.at(-1);
    if (last?.segment !== ref.segment || last.entries === undefined) {
      last = { segment: ref.segment, records: 0, bytes: 0, entries: [], firstWrittenMillis: ref.writtenAtMillis, lastWrittenMillis: ref.writtenAtMillis };
      this.#segments.push(last);
    }
    last.entries!.push(ref);
    last.records += ref.records;
    last.bytes += ref.bytes;
    this.records += ref.records;
    this.bytes += ref.bytes;
  }

  /** The oldest entry; its segment is listed first when it was only counted. */
  head(): EntryRef | undefined {
    for (;;) {
      const first = this.#segments[0];
      if (first === undefined) return undefined;
      if (first.entries === undefined) this.#listSegment(first);
      const head = first.entries![0];
      if (head !== undefined) return head;
      this.#segments.shift();
    }
  }

  /** Removes `ref` once it was sent or given up on; false when it is no longer the oldest entry. */
  shift(ref: EntryRef): boolean {
    const first = this.#segments[0];
    if (first?.entries?.[0] !== ref) return false;
    first.entries.shift();
    first.records -= ref.records;
    first.bytes -= ref.bytes;
    this.records -= ref.records;
    this.bytes -= ref.bytes;
    if (first.entries.length === 0) this.#segments.shift();
    return true;
  }

  /** Removes a whole segment (dropped at the disk limit): the records it held. */
  dropSegment(segment: number): number {
    const at = this.#segments.findIndex((s) => s.segment === segment);
    if (at === -1) return 0;
    const [dropped] = this.#segments.splice(at, 1);
    this.records -= dropped!.records;
    this.bytes -= dropped!.bytes;
    return dropped!.records;
  }

  /** Records left in segments up to `segment` (the backlog found at open, while it is replayed). */
  recordsThrough(segment: number): number {
    let total = 0;
    for (const pending of this.#segments) {
      if (pending.segment > segment) break;
      total += pending.records;
    }
    return total;
  }

  #listSegment(segment: PendingSegment): void {
    const entries = this.#list(segment);
    let records = 0;
    let bytes = 0;
    for (const entry of entries) {
      records += entry.records;
      bytes += entry.bytes;
    }
    this.records += records - segment.records;
    this.bytes += bytes - segment.bytes;
    Object.assign(segment, { entries, records, bytes });
  }
}
