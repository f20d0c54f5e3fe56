import type { CheckpointEntry } from './checkpoint.ts';
import type { ReadBudget } from './file-tail.ts';

/**
 * The lines read since the sink last confirmed everything before them: a step. Reading stops
 * when the step's budget (lines or bytes) is spent, until the sink has taken the whole step.
 */
export class ShipStep {
  /** What a step may read; the tails spend it. */
  budget: ReadBudget;
  /** Where every line before was confirmed: what the checkpoint holds, and where a rewind reads from. */
  acknowledged: CheckpointEntry[] = [];
  /** Lines read in this step. */
  lines = 0;
  readonly #maxLines: number;
  /**
   * Halved by each rewind, so that a step the sink's queue cannot hold shrinks until it fits; it
   * stays so, as the queue's capacity does not change.
   */
  #maxBytes: number;
  /** The sink's refused count when this step began. */
  #refusedBefore = 0;

  constructor(maxLines: number, maxBytes: number) {
    this.#maxLines = maxLines;
    this.#maxBytes = maxBytes;
    this.budget = { lines: maxLines, bytes: maxBytes };
  }

  /** Starts the first step at the offsets the files were opened at. */
  start(entries: CheckpointEntry[], refused: number): void {
    this.acknowledged = entries;
    this.#refusedBefore = refused;
  }

  /** True when the sink refused records since the step began (and takes note of them). */
  refusedSince(refused: number): boolean {
    const more = refused > this.#refusedBefore;
    this.#refusedBefore = refused;
    return more;
  }

  /** The sink holds none of the step's lines: they count as acknowledged; returns how many. */
  acknowledge(entries: CheckpointEntry[]): number {
    const lines = this.lines;
    this.acknowledged = entries;
    this.#next();
    return lines;
  }

  /** The step is read again from `acknowledged`, with half the bytes. */
  rewind(): void {
    this.#maxBytes = Math.max(1, Math.floor(this.#maxBytes / 2));
    this.#next();
  }

  #next(): void {
    this.lines = 0;
    this.budget = { lines: this.#maxLines, bytes: this.#maxBytes };
  }
}
