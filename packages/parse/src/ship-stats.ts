import type { PipelineStats } from '@logweave/core';
import type { ParseBodyStats } from './parse-body-stage.ts';

export interface ShipStats {
  /** Lines read and sent to the pipeline as records (a step read again counts again). */
  linesRead: number;
  /**
   * Lines the sink has confirmed: after its forceFlush() it holds none of them (delivered, on disk
   * in durable mode, or dropped for a reason its stats() count). The checkpoint is at the last one.
   */
  linesAcknowledged: number;
  /** Bytes in the files past the acknowledged lines: what a restart would read again, and what is not yet read. */
  lagBytes: number;
  /** Empty lines, skipped. */
  emptyLines: number;
  /** Lines longer than `maxLineBytes`, sent cut. */
  truncatedLines: number;
  /** Files renamed or deleted under their path, read to their end. */
  rotations: number;
  /** Files truncated in place, read again from the start. */
  truncations: number;
  /** Checkpoint files written. */
  checkpoints: number;
  /** Flushes after which the sink still held records: the checkpoint did not move and reading waited. */
  deferredCommits: number;
  /** Steps read again from the last acknowledged offsets because the sink refused records (queue-full). */
  rewinds: number;
  /** File-system and flush failures, reported to the OTel error handler and retried. */
  errors: number;
  /**
   * Per path: the offset of the next line to read in the file now there, its size as last seen,
   * and how many rotated files are still being read.
   */
  files: { path: string; offset: number | undefined; size: number | undefined; rotated: number }[];
  /** The parse stage's counters; undefined with `format: 'none'`. */
  parse: ParseBodyStats | undefined;
  pipeline: PipelineStats;
}
