import type { MeterProvider } from '@opentelemetry/api';
import { sinkMetrics, type Sink } from '@logweave/core';
import type { FsyncPolicy } from './durable/segment-log.ts';
import { jsonEncoder } from './encoding/index.ts';
import { encodeBatch } from './internal/encode-batch.ts';
import { formatLines, jsonLine } from './internal/line-format.ts';
import { LineSink, type BatchFormat, type LineWriter } from './internal/line-sink.ts';
import { RotatingFile } from './internal/rotating-file.ts';
import type { SinkStats } from './internal/sink-counters.ts';
import type { LocalQueueOptions } from './console-sink.ts';
import { resolveQueueOptions } from './queue-options.ts';
import { assertMeterProvider } from './internal/meter-provider-option.ts';

export interface FileSinkOptions extends LocalQueueOptions {
  /** The file records are appended to; rotated files take its name plus `.1`, `.2`… */
  path: string;
  /**
   * 'ndjson': one JSON object per record. 'otlp-json': one OTLP/JSON ExportLogsServiceRequest
   * per batch and line (what the Collector's otlpjsonfile receiver reads).
   * @default 'ndjson'
   */
  format?: 'ndjson' | 'otlp-json';
  /** Size at which the file is rotated. @default 104857600 (100 MiB) */
  maxFileBytes?: number;
  /** Rotated files kept besides the active one; older ones are deleted. @default 5 */
  maxFiles?: number;
  /**
   * 'always': each batch is synced before it counts as written; 'interval': every
   * `fsyncIntervalMillis` and on forceFlush/shutdown; 'never': left to the OS.
   * @default 'interval'
   */
  fsync?: FsyncPolicy;
  /** @default 1000 */
  fsyncIntervalMillis?: number;
  /** Names the sink in stats and error reports. @default the path */
  name?: string;
  /** Where the sink's self-metrics go. @default the global MeterProvider when the sink is built */
  meterProvider?: MeterProvider;
}

export interface FileSink extends Sink {
  readonly name: string;
  stats(): SinkStats;
}

/** A sink that appends records to a local file as JSON lines, rotating it by size. */
export function fileSink(options: FileSinkOptions): FileSink {
  if (options === null || typeof options !== 'object') throw new TypeError('fileSink: options must be an object');
  assertMeterProvider(options.meterProvider, 'fileSink');
  if (typeof options.path !== 'string' || options.path === '') throw new TypeError('fileSink: path must be a file path');
  const positive = (name: 'maxFileBytes' | 'maxFiles' | 'fsyncIntervalMillis', fallback: number) => {
    const value = options[name] ?? fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
      throw new TypeError(`fileSink: ${name} must be a positive integer; got ${String(value)}`);
    }
    return value;
  };
  const file = new RotatingFile({ path: options.path, maxFileBytes: positive('maxFileBytes', 100 * 1024 * 1024), maxFiles: positive('maxFiles', 5) });
  const fsync = options.fsync ?? 'interval';
  if (fsync !== 'always' && fsync !== 'interval' && fsync !== 'never') {
    throw new TypeError(`fileSink: fsync must be 'always', 'interval' or 'never'; got '${String(fsync)}'`);
  }
  const name = options.name ?? options.path;
  const queue = resolveQueueOptions({ ...options, retry: false }, 'fileSink');
  const metrics = sinkMetrics({ meterProvider: options.meterProvider, type: 'logweave.file_sink', name });
  return new LineSink({ ...queue, name, metrics }, batchFormat(options.format), syncing(file, fsync, positive('fsyncIntervalMillis', 1000)));
}

function batchFormat(format: FileSinkOptions['format'] = 'ndjson'): BatchFormat {
  if (format === 'ndjson') {
    return (records) => {
      const { text, unwritable } = formatLines(records, jsonLine);
      return { data: text, unwritable };
    };
  }
  if (format !== 'otlp-json') throw new TypeError(`fileSink: format must be 'ndjson' or 'otlp-json'; got '${String(format)}'`);
  const encoder = jsonEncoder();
  return (records) => {
    const { bytes, unencodable } = encodeBatch(encoder, records);
    // The encoder hands over its own buffer: copy it with the line's end.
    return { data: bytes === undefined ? '' : Buffer.concat([bytes, NEWLINE]), unwritable: unencodable };
  };
}

const NEWLINE = Buffer.from('\n');

/** The fsync policy around the file: after each write, on a timer, or only when the sink flushes. */
function syncing(file: RotatingFile, fsync: FsyncPolicy, intervalMillis: number): LineWriter {
  let timer: NodeJS.Timeout | undefined;
  if (fsync === 'interval') {
    timer = setInterval(() => void file.sync().catch(() => {}), intervalMillis);
    timer.unref();
  }
  return {
    write: async (data) => {
      await file.write(data);
      if (fsync === 'always') await file.sync();
    },
    sync: () => (fsync === 'never' ? Promise.resolve() : file.sync()),
    close: async () => {
      clearInterval(timer);
      await file.close();
    },
  };
}
