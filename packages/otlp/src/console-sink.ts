import type { MeterProvider } from '@opentelemetry/api';
import { sinkMetrics, type Sink } from '@logweave/core';
import { formatLines, humanLine, jsonLine, type LineFormat } from './internal/line-format.ts';
import { LineSink, type LineWriter } from './internal/line-sink.ts';
import type { SinkStats } from './internal/sink-counters.ts';
import { resolveQueueOptions, type QueueOptions } from './queue-options.ts';
import { assertMeterProvider } from './internal/meter-provider-option.ts';

/** The queue options that mean something for a local stream: no retry, one write at a time. */
export type LocalQueueOptions = Omit<QueueOptions, 'retry' | 'maxConcurrentExports'>;

export interface ConsoleSinkOptions extends LocalQueueOptions {
  /** 'human': a readable line per record; 'json': one JSON object per line; 'auto': human on a TTY, JSON otherwise. @default 'auto' */
  format?: 'auto' | 'human' | 'json';
  /** Where lines go. @default process.stdout */
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
  /** Colour the severity of human lines. @default true on a TTY unless NO_COLOR is set */
  color?: boolean;
  /** Names the sink in stats and error reports. @default 'console' */
  name?: string;
  /** Longest a record waits for a batch to fill. @default 200 */
  scheduledDelayMillis?: number;
  /** Where the sink's self-metrics go. @default the global MeterProvider when the sink is built */
  meterProvider?: MeterProvider;
}

export interface ConsoleSink extends Sink {
  readonly name: string;
  stats(): SinkStats;
}

/**
 * A sink that writes each record as one line to stdout (or another stream): readable lines for
 * a person at a terminal, JSON lines for the log collector of a container platform.
 */
export function consoleSink(options: ConsoleSinkOptions = {}): ConsoleSink {
  if (options === null || typeof options !== 'object') throw new TypeError('consoleSink: options must be an object');
  assertMeterProvider(options.meterProvider, 'consoleSink');
  const stream = options.stream ?? process.stdout;
  if (stream === null || typeof stream !== 'object' || typeof stream.write !== 'function') {
    throw new TypeError('consoleSink: stream must be a writable stream');
  }
  const name = options.name ?? 'console';
  if (typeof name !== 'string' || name === '') throw new TypeError('consoleSink: name must be a non-empty string');
  const format = lineFormat(options, stream.isTTY === true);
  const queue = resolveQueueOptions({ scheduledDelayMillis: 200, ...options, retry: false }, 'consoleSink');
  const metrics = sinkMetrics({ meterProvider: options.meterProvider, type: 'logweave.console_sink', name });
  return new LineSink({ ...queue, name, metrics }, (records) => {
    const { text, unwritable } = formatLines(records, format);
    return { data: text, unwritable };
  }, streamWriter(stream));
}

function lineFormat(options: ConsoleSinkOptions, tty: boolean): LineFormat {
  const format = options.format ?? 'auto';
  if (format !== 'auto' && format !== 'human' && format !== 'json') {
    throw new TypeError(`consoleSink: format must be 'auto', 'human' or 'json'; got '${String(format)}'`);
  }
  const color = options.color ?? (tty && process.env['NO_COLOR'] === undefined);
  if (typeof color !== 'boolean') throw new TypeError('consoleSink: color must be a boolean');
  return format === 'json' || (format === 'auto' && !tty) ? jsonLine : humanLine(color);
}

/**
 * Writes with the stream's callback, so that a flush waits for the text to be handed over. An
 * error the stream emits (EPIPE when the reader went away) is held for the write to report
 * instead of crashing the application; the listener goes with the sink.
 */
function streamWriter(stream: NodeJS.WritableStream): LineWriter {
  let failure: Error | undefined;
  const onError = (error: Error) => (failure = error);
  stream.on('error', onError);
  return {
    write: (data) =>
      new Promise((resolve, reject) => {
        if (failure !== undefined) return reject(failure);
        stream.write(data, (error) => (error ? reject(error) : resolve()));
      }),
    sync: () => Promise.resolve(),
    close: () => {
      stream.off('error', onError);
      return Promise.resolve();
    },
  };
}
