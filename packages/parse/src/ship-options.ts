import { isAbsolute, resolve } from 'node:path';
import type { Sink } from '@logweave/core';
import { resolveFormats, type ParseBodyOptions, type ParseFormat } from './options.ts';

export interface ShipFilesOptions {
  /** The files to tail, by path; a file that does not exist yet is picked up when it appears. */
  files: readonly string[];
  /**
   * How lines are parsed before they reach the sink or pipeline (a `parseBody` stage put first),
   * or 'none' to send every line as its body unchanged.
   * @default 'auto'
   */
  format?: 'auto' | 'none' | readonly ParseFormat[];
  /** More options of that parse stage: `timezone`, `severityTable`, `maxLineLength`, `keepOriginal`. */
  parse?: Omit<ParseBodyOptions, 'formats' | 'name'>;
  /** Where the records go: any LogRecordProcessor (an `otlpSink`, a memory sink). Give this or `pipeline`. */
  sink?: Sink;
  /** Where the records go: a logweave `pipeline()` whose stages apply. Give this or `sink`. */
  pipeline?: Sink;
  /**
   * Where read offsets are kept between runs (JSON, replaced atomically). Without it a restart
   * reads the files again from `startAt`.
   * @default undefined (no checkpoint)
   */
  checkpointFile?: string;
  /**
   * Where to start in a file the checkpoint does not know, on the first run. A file that appears
   * later, or after a rotation, is always read from its beginning.
   * @default 'beginning'
   */
  startAt?: 'beginning' | 'end';
  /** How often files are checked for new lines and rotation; file-system events wake it sooner. @default 250 */
  pollIntervalMillis?: number;
  /**
   * Lines read between two steps of flush, wait for the sink and checkpoint: with `commitBytes`,
   * the most a crash can send twice.
   * @default 1000
   */
  commitLines?: number;
  /**
   * Bytes of lines read between two such steps. Reading waits until the sink has taken what was
   * read: keep this well under the sink's queue capacity (otlpSink's `maxQueueBytes`; the
   * `logweave ship` command uses a quarter of it) so that a step never overflows the queue. A
   * step that did (the sink counted `queue-full` drops) is read again, with half the bytes.
   * @default 8 MiB
   */
  commitBytes?: number;
  /** Bytes read at a time from a file. @default 65536 */
  chunkBytes?: number;
  /** Longer lines are cut to this many bytes (counted in `truncatedLines`). @default 65536 */
  maxLineBytes?: number;
  /** A renamed or deleted file is still read until it has not grown for this long. @default 1000 */
  rotateWaitMillis?: number;
}

export interface ResolvedShipFilesOptions {
  files: string[];
  formats: ParseBodyOptions['formats'] | undefined;
  parse: Omit<ParseBodyOptions, 'formats' | 'name'>;
  target: Sink;
  checkpointFile: string | undefined;
  startAtEnd: boolean;
  pollIntervalMillis: number;
  commitLines: number;
  commitBytes: number;
  chunkBytes: number;
  maxLineBytes: number;
  rotateWaitMillis: number;
}

export function resolveShipFilesOptions(options: ShipFilesOptions): ResolvedShipFilesOptions {
  if (options === null || typeof options !== 'object') throw new TypeError('shipFiles: options must be an object');
  const files = options.files;
  if (!Array.isArray(files) || files.length === 0 || !files.every((f) => typeof f === 'string' && f !== '')) {
    throw new TypeError('shipFiles: files must be a non-empty array of paths');
  }
  const absolute = files.map((file: string) => resolve(file));
  if (new Set(absolute).size !== absolute.length) throw new TypeError('shipFiles: files lists one path twice');
  if ((options.sink === undefined) === (options.pipeline === undefined)) {
    throw new TypeError('shipFiles: give exactly one of sink or pipeline');
  }
  const target = (options.sink ?? options.pipeline)!;
  if (target === null || typeof target.onEmit !== 'function' || typeof target.forceFlush !== 'function') {
    throw new TypeError('shipFiles: sink / pipeline must be a LogRecordProcessor (onEmit, forceFlush, shutdown)');
  }
  const format = options.format ?? 'auto';
  if (format !== 'none') resolveFormats(format, 'shipFiles', 'format');
  const startAt = options.startAt ?? 'beginning';
  if (startAt !== 'beginning' && startAt !== 'end') throw new TypeError(`shipFiles: startAt must be 'beginning' or 'end'`);
  const checkpointFile = options.checkpointFile;
  if (checkpointFile !== undefined && (typeof checkpointFile !== 'string' || checkpointFile === '')) {
    throw new TypeError('shipFiles: checkpointFile must be a path');
  }
  return {
    files: absolute,
    formats: format === 'none' ? undefined : format,
    parse: options.parse ?? {},
    target,
    checkpointFile: checkpointFile === undefined || isAbsolute(checkpointFile) ? checkpointFile : resolve(checkpointFile),
    startAtEnd: startAt === 'end',
    pollIntervalMillis: positiveInteger(options.pollIntervalMillis, 250, 'pollIntervalMillis'),
    commitLines: positiveInteger(options.commitLines, 1000, 'commitLines'),
    commitBytes: positiveInteger(options.commitBytes, 8 * 1024 * 1024, 'commitBytes'),
    chunkBytes: positiveInteger(options.chunkBytes, 65_536, 'chunkBytes'),
    maxLineBytes: positiveInteger(options.maxLineBytes, 65_536, 'maxLineBytes'),
    rotateWaitMillis: positiveInteger(options.rotateWaitMillis, 1000, 'rotateWaitMillis'),
  };
}

function positiveInteger(value: number | undefined, fallback: number, option: string): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n <= 0) throw new TypeError(`shipFiles: ${option} must be a positive integer; got ${String(value)}`);
  return n;
}
