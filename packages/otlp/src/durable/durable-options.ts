import { nodeFs, type DurableFs } from './durable-fs.ts';
import type { FsyncPolicy } from './segment-log.ts';

export interface DurableOptions {
  /** Directory of the write-ahead queue; one process at a time. */
  dir: string;
  /** Disk used at most by segment files. @default 1 GiB */
  maxBytes?: number;
  /**
   * When batches are forced to disk. 'always': before they count as persisted (survives power
   * loss); 'interval': every `fsyncIntervalMillis` and on forceFlush/shutdown (survives a crash of
   * the process, an OS crash may lose the last interval); 'never': left to the OS (survives a crash
   * of the process).
   * @default 'interval'
   */
  fsync?: FsyncPolicy;
  /** @default 1000 */
  fsyncIntervalMillis?: number;
  /** When the disk limit is reached: drop the oldest entries, or refuse new ones. @default 'drop-oldest' */
  overflow?: 'drop-oldest' | 'drop-newest';
}

export interface ResolvedDurableOptions {
  dir: string;
  maxBytes: number;
  segmentBytes: number;
  fsync: FsyncPolicy;
  fsyncIntervalMillis: number;
  overflow: 'drop-oldest' | 'drop-newest';
  /** The file system calls (tests inject failures here). */
  fs: DurableFs;
}

/** Segments are a fraction of the limit so that dropping the oldest one frees a small share. */
const SEGMENTS_PER_LIMIT = 16;

export function resolveDurableOptions(options: DurableOptions): ResolvedDurableOptions {
  if (options === null || typeof options !== 'object' || typeof options.dir !== 'string' || options.dir === '') {
    throw new TypeError('otlpSink: durable.dir must be a directory path');
  }
  const maxBytes = options.maxBytes ?? 1024 ** 3;
  if (!Number.isFinite(maxBytes) || maxBytes < 64 * 1024) {
    throw new TypeError(`otlpSink: durable.maxBytes must be at least 65536; got ${maxBytes}`);
  }
  const fsync = options.fsync ?? 'interval';
  if (!['always', 'interval', 'never'].includes(fsync)) {
    throw new TypeError(`otlpSink: durable.fsync must be 'always', 'interval' or 'never'; got '${String(fsync)}'`);
  }
  const fsyncIntervalMillis = options.fsyncIntervalMillis ?? 1000;
  if (!(fsyncIntervalMillis > 0)) throw new TypeError(`otlpSink: durable.fsyncIntervalMillis must be positive; got ${fsyncIntervalMillis}`);
  const overflow = options.overflow ?? 'drop-oldest';
  if (overflow !== 'drop-oldest' && overflow !== 'drop-newest') {
    throw new TypeError(`otlpSink: durable.overflow must be 'drop-oldest' or 'drop-newest'; got '${String(overflow)}'`);
  }
  const segmentBytes = Math.min(16 * 1024 * 1024, Math.floor(maxBytes / SEGMENTS_PER_LIMIT));
  return { dir: options.dir, maxBytes, segmentBytes, fsync, fsyncIntervalMillis, overflow, fs: nodeFs };
}
