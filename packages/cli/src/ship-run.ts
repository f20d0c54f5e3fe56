import { once } from 'node:events';
import { diag, DiagLogLevel, type DiagLogger } from '@opentelemetry/api';
import { otlpSink, type OtlpSink, type OtlpSinkOptions } from '@logweave/otlp';
import { shipFiles, type FileShipper, type ShipFilesOptions } from '@logweave/parse';
import type { CliIo } from './cli-io.ts';
import type { ShipCommandOptions } from './ship-options.ts';
import { ShipProgress } from './ship-progress.ts';
import { snapshotOf, summaryLines } from './ship-report.ts';
import { UsageError } from './usage-error.ts';

/** Ships until `io.signal` aborts, then stops, prints the summary and resolves with the exit code. */
export async function runShip(options: ShipCommandOptions, io: CliIo): Promise<number> {
  const { sink, shipper } = compose(options);
  const progress = new ShipProgress(io.stderr, options.progressIntervalMillis, () => snapshotOf(shipper, sink));
  diag.setLogger(diagTo(progress), { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  const checkpoint = options.checkpointFile === undefined ? 'no checkpoint: a restart reads the files again' : `checkpoint ${options.checkpointFile}`;
  io.stderr.write(`logweave ship: shipping ${options.files.length} file(s) to ${sink.name}, ${checkpoint} (Ctrl+C to stop)\n`);
  progress.start();
  if (!io.signal.aborted) await once(io.signal, 'abort');

  progress.stop();
  await shipper.stop();
  const final = snapshotOf(shipper, sink);
  diag.disable();
  io.stderr.write(`logweave ship: stopped; ${summaryLines(final, options.checkpointFile).join('\n  ')}\n`);
  return final.linesAcknowledged === final.linesRead && final.dropped === 0 ? 0 : 1;
}

function compose(options: ShipCommandOptions): { sink: OtlpSink; shipper: FileShipper } {
  const sinkOptions: OtlpSinkOptions = {
    // Retry for as long as it takes: reading waits meanwhile, so lines wait in the files.
    retry: { maxElapsedMillis: 0 },
    // How long stopping waits for the collector to take what was read; the rest is left to the next run.
    flushTimeoutMillis: options.stopTimeoutMillis,
    maxQueueBytes: options.maxQueueBytes,
  };
  if (options.endpoint !== undefined) sinkOptions.endpoint = options.endpoint;
  if (options.protocol !== undefined) sinkOptions.protocol = options.protocol;
  if (options.queueDir !== undefined) sinkOptions.durable = { dir: options.queueDir };
  const sink = setUp(() => otlpSink(sinkOptions));
  const shipOptions: ShipFilesOptions = {
    files: options.files,
    format: options.format,
    sink,
    startAt: options.startAt,
    pollIntervalMillis: options.pollIntervalMillis,
    // A quarter of the queue per step: records weigh more than their lines (attributes, envelope).
    commitBytes: Math.max(1, Math.floor(options.maxQueueBytes / 4)),
  };
  if (options.checkpointFile !== undefined) shipOptions.checkpointFile = options.checkpointFile;
  try {
    return { sink, shipper: setUp(() => shipFiles(shipOptions)) };
  } catch (error) {
    void sink.shutdown();
    throw error;
  }
}

/** A TypeError at set-up is a bad value given on the command line. */
function setUp<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof TypeError) throw new UsageError(error.message, 'ship');
    throw error;
  }
}

/** Error reports of the sink and the shipper, printed without breaking the live line. */
function diagTo(progress: ShipProgress): DiagLogger {
  const print = (level: string) => (message: string, ...args: unknown[]) => {
    progress.note(`logweave ship: ${level}: ${[message, ...args].map(errorText).join(' ')}`);
  };
  const ignore = () => {};
  return { error: print('error'), warn: print('warning'), info: ignore, debug: ignore, verbose: ignore };
}

/** The OTel global error handler logs an exception as JSON with its stack; a terminal needs its message. */
function errorText(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value !== 'string' || !value.startsWith('{')) return String(value);
  try {
    const parsed = JSON.parse(value) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : value;
  } catch {
    return value;
  }
}
