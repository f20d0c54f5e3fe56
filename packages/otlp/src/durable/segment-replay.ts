import { join } from 'node:path';
import type { PendingSegment } from './backlog.ts';
import type { DurableFs } from './durable-fs.ts';
import { leftoverCursorTemps, listSegments, readCursor, segmentPath } from './segment-files.ts';
import { indexPath, listIndexes, readIndex } from './segment-index.ts';
import type { DiskEvents, EntryRef, SegmentLogOptions } from './segment-log.ts';
import { scanSegment, type SegmentScan } from './segment-scan.ts';

/** What a previous process left in the queue directory. */
export interface ReplayedLog {
  /** Segments with entries not yet acknowledged, oldest first. */
  pending: PendingSegment[];
  /** Bytes of each segment file kept. */
  segments: Map<number, number>;
  /** The newest segment number present: new entries go to a segment after it. */
  lastSegment: number;
  replayedRecords: number;
  corruptEntries: number;
}

/**
 * Reads the queue directory synchronously. A sealed segment with a valid index is counted from
 * it; the segment the cursor stands in and any segment whose index is missing, stale or corrupt
 * are scanned from their frame headers (payloads are not read). Segments wholly acknowledged are
 * deleted, torn tails cut, damaged entries counted and reported. Throws only when the directory
 * itself cannot be read.
 */
export function replayDir(options: SegmentLogOptions, events: DiskEvents): ReplayedLog {
  const { dir, fs } = options;
  fs.mkdirSync(dir, { recursive: true });
  const names = fs.readdirSync(dir);
  for (const temp of leftoverCursorTemps(names)) unlinkQuietly(fs, join(dir, temp));
  const cursor = readCursor(fs, dir);
  const segments = listSegments(names);
  for (const orphan of listIndexes(names)) if (!segments.includes(orphan)) unlinkQuietly(fs, indexPath(dir, orphan));
  const log: ReplayedLog = { pending: [], segments: new Map(), lastSegment: segments.at(-1) ?? 0, replayedRecords: 0, corruptEntries: 0 };
  for (const segment of segments) {
    if (segment < cursor.segment) {
      deleteSegment(fs, dir, segment);
      continue;
    }
    try {
      const path = segmentPath(dir, segment);
      const index = segment === cursor.segment && cursor.offset > 0 ? undefined : readIndex(fs, dir, segment, path);
      if (index === undefined) adopt(log, segment, scanSegment(fs, path, segment === cursor.segment ? cursor.offset : 0), options, events);
      else {
        log.pending.push({ segment, records: index.records, bytes: index.segmentBytes, entries: undefined, firstWrittenMillis: index.firstWrittenMillis, lastWrittenMillis: index.lastWrittenMillis });
        log.replayedRecords += index.records;
        log.segments.set(segment, index.segmentBytes);
      }
    } catch (error) {
      // Left in place, unread: a later process may read it.
      events.failed('replay', error);
    }
  }
  const firstNeeded = log.pending[0]?.segment ?? Infinity;
  for (const segment of log.segments.keys()) {
    if (segment < firstNeeded) {
      log.segments.delete(segment);
      deleteSegment(fs, dir, segment);
    }
  }
  return log;
}

/**
 * Lists a segment counted from its index, when the sender reaches it. Records the index counted
 * but no intact frame holds (damage the index checks could not see) are lost as corrupt.
 */
export function listIndexedSegment(options: SegmentLogOptions, events: DiskEvents, pending: PendingSegment): { entries: EntryRef[]; corruptEntries: number } {
  const path = segmentPath(options.dir, pending.segment);
  let scan: SegmentScan;
  try {
    scan = scanSegment(options.fs, path, 0);
  } catch (error) {
    events.failed('read', error);
    events.lost('io-error', pending.records, `segment ${path} could not be read back`);
    return { entries: [], corruptEntries: 0 };
  }
  const entries = entriesOf(pending.segment, scan, pending);
  const missing = pending.records - entries.reduce((sum, e) => sum + e.records, 0);
  if (scan.corruptEntries > 0 || missing > 0) {
    const detail = `${scan.corruptEntries} damaged entries skipped in ${path}`;
    if (missing > 0) events.lost('corrupt', missing, detail);
    else events.failed('replay', new Error(detail));
  }
  return { entries, corruptEntries: scan.corruptEntries };
}

function adopt(log: ReplayedLog, segment: number, scan: SegmentScan, options: SegmentLogOptions, events: DiskEvents): void {
  const entries = entriesOf(segment, scan, scan);
  const records = entries.reduce((sum, e) => sum + e.records, 0);
  if (entries.length > 0) {
    const bytes = entries.reduce((sum, e) => sum + e.bytes, 0);
    log.pending.push({ segment, records, bytes, entries, firstWrittenMillis: scan.firstWrittenMillis, lastWrittenMillis: scan.lastWrittenMillis });
  }
  log.replayedRecords += records + scan.corruptRecords;
  log.corruptEntries += scan.corruptEntries;
  const path = segmentPath(options.dir, segment);
  if (scan.corruptEntries > 0) {
    const detail = `${scan.corruptEntries} damaged entries skipped in ${path}`;
    if (scan.corruptRecords > 0) events.lost('corrupt', scan.corruptRecords, detail);
    else events.failed('replay', new Error(detail));
  }
  log.segments.set(segment, Math.min(scan.end, scan.size));
  if (scan.end < scan.size) {
    try {
      options.fs.truncateSync(path, scan.end);
    } catch {
      // A torn tail left in place is skipped again by the next scan.
    }
  }
}

/** Entries of a scan; each one's write time is estimated from its place between the segment's first and last. */
function entriesOf(segment: number, scan: SegmentScan, times: { firstWrittenMillis: number; lastWrittenMillis: number }): EntryRef[] {
  const span = times.lastWrittenMillis - times.firstWrittenMillis;
  return scan.frames.map((frame) => ({
    segment,
    ...frame,
    writtenAtMillis: times.firstWrittenMillis + (scan.size > 0 ? Math.max(0, span) * (frame.offset / scan.size) : 0),
  }));
}

function deleteSegment(fs: DurableFs, dir: string, segment: number): void {
  unlinkQuietly(fs, segmentPath(dir, segment));
  unlinkQuietly(fs, indexPath(dir, segment));
}

function unlinkQuietly(fs: DurableFs, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // Left in place: the next start tries again.
  }
}
