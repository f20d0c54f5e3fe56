import { join } from 'node:path';
import type { DurableFs } from './durable-fs.ts';
import { leftoverCursorTemps, listSegments, readCursor, segmentPath } from './segment-files.ts';
import type { DiskEvents, EntryRef, SegmentLogOptions } from './segment-log.ts';
import { scanSegment, type SegmentScan } from './segment-scan.ts';

/** What a previous process left in the queue directory. */
export interface ReplayedLog {
  /** Entries not yet acknowledged, oldest first. */
  pending: EntryRef[];
  pendingRecords: number;
  /** Bytes of each segment file kept. */
  segments: Map<number, number>;
  /** The newest segment number present: new entries go to a segment after it. */
  lastSegment: number;
  replayedRecords: number;
  corruptEntries: number;
}

/**
 * Reads the queue directory synchronously: from the cursor on, each segment's frame headers are
 * scanned (payloads are not read); segments wholly acknowledged are deleted, torn tails cut,
 * damaged entries counted and reported. Throws only when the directory itself cannot be read.
 */
export function replayDir(options: SegmentLogOptions, events: DiskEvents): ReplayedLog {
  const { dir, fs } = options;
  fs.mkdirSync(dir, { recursive: true });
  const names = fs.readdirSync(dir);
  for (const temp of leftoverCursorTemps(names)) unlinkQuietly(fs, join(dir, temp));
  const cursor = readCursor(fs, dir);
  const segments = listSegments(names);
  const log: ReplayedLog = {
    pending: [],
    pendingRecords: 0,
    segments: new Map(),
    lastSegment: segments.at(-1) ?? 0,
    replayedRecords: 0,
    corruptEntries: 0,
  };
  for (const segment of segments) {
    const path = segmentPath(dir, segment);
    if (segment < cursor.segment) {
      unlinkQuietly(fs, path);
      continue;
    }
    try {
      adopt(log, segment, scanSegment(fs, path, segment === cursor.segment ? cursor.offset : 0), options, events);
    } catch (error) {
      // Left in place, unread: a later process may read it.
      events.failed('replay', error);
    }
  }
  const firstNeeded = log.pending[0]?.segment ?? Infinity;
  for (const segment of log.segments.keys()) {
    if (segment < firstNeeded) {
      log.segments.delete(segment);
      unlinkQuietly(fs, segmentPath(dir, segment));
    }
  }
  return log;
}

function adopt(log: ReplayedLog, segment: number, scan: SegmentScan, options: SegmentLogOptions, events: DiskEvents): void {
  for (const frame of scan.frames) {
    log.pending.push({ segment, ...frame });
    log.pendingRecords += frame.records;
    log.replayedRecords += frame.records;
  }
  log.corruptEntries += scan.corruptEntries;
  log.replayedRecords += scan.corruptRecords;
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

function unlinkQuietly(fs: DurableFs, path: string): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // Left in place: the next start tries again.
  }
}
