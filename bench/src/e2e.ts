/**
 * Child process of the bench: one end-to-end configuration. It offers a fixed load (N records at
 * a target rate, emitted in bursts) to a LoggerProvider whose pipeline exports to the bench's
 * receiver, shuts the provider down (which flushes), and reports its own CPU time, peak RSS and
 * what the pipeline says it dropped. The receiver, in another process, says what arrived.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from '@logweave/core';
import { otlpSink, type OtlpSinkOptions } from '@logweave/otlp';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordProcessor } from '@opentelemetry/sdk-logs';
import { collectGarbage, nextTick, serveChild } from './child.ts';
import { countingMeterProvider } from './counting-meter.ts';
import { pinoSender } from './pino-sender.ts';
import { benchResource, realisticEmitArgs } from './records.ts';
import { fullStageSet } from './stage-sets.ts';

/** The pipelines of the offered-rate blocks. */
export const E2E_PIPELINES = ['stock', 'logweave', 'logweave-large-queue', 'durable', 'logweave-full', 'pino'] as const;
/** `retain` is a yardstick of the instant burst only: a sink that just keeps the SDK's records. */
export type E2ePipeline = (typeof E2E_PIPELINES)[number] | 'retain';

export interface E2eInput {
  pipeline: E2ePipeline;
  /** The receiver's base URL. */
  endpoint: string;
  records: number;
  ratePerSec: number;
  burst: number;
}

export interface E2eOutput {
  emitted: number;
  /** Epoch ms of the first emit, of the last emit, and when shutdown() resolved. */
  firstEmitAt: number;
  lastEmitAt: number;
  doneAt: number;
  cpuSeconds: number;
  /** CPU time of the main thread alone (the application's thread), same span. */
  mainThreadCpuSeconds: number;
  /** Event-loop delay over the load, 50th and 99th percentile, in milliseconds. */
  loopP50Millis: number;
  loopP99Millis: number;
  rssBeforeBytes: number;
  peakRssBytes: number;
  /** What the pipeline reports it lost, by reason. */
  reportedDropped: Record<string, number>;
  /** Records still in the durable queue on disk after shutdown (delivered on the next start). */
  leftOnDisk: number;
  /** logweave rows: `pipeline.stats()` and `sink.stats()` after shutdown, for diagnosis. */
  stats: Record<string, unknown> | undefined;
}

/** The larger queue of the `logweave-large-queue` row. */
export const LARGE_QUEUE: OtlpSinkOptions = { maxQueueBytes: 64 * 1024 * 1024 };
/** The sink of the `logweave-full` row (full stage set): compressed, as a service sending over a network would. */
export const FULL_SET_SINK: OtlpSinkOptions = { compression: 'zstd' };

const POOL = 4096;
const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Setup {
  /** Emits the bench's i-th record; returns once the pipeline has it. */
  emit: (i: number) => void;
  /** Flushes and stops the pipeline. */
  shutdown: () => Promise<void>;
  dropped: () => Record<string, number>;
  leftOnDisk: () => number;
  stats: () => Record<string, unknown> | undefined;
  cleanUp: () => void;
}

/** Emits through the OTel Logs API into `processor`. */
function sdkEmitter(processor: LogRecordProcessor): Pick<Setup, 'emit' | 'shutdown'> {
  const provider = new LoggerProvider({ resource: benchResource(), processors: [processor] });
  const logger = provider.getLogger('checkout.http', '1.4.0');
  const args = realisticEmitArgs(POOL);
  return { emit: (i) => logger.emit(args[i % POOL]!), shutdown: () => provider.shutdown() };
}

function setUp(input: E2eInput): Setup {
  if (input.pipeline === 'stock') {
    const meters = countingMeterProvider();
    const exporter = new OTLPLogExporter({ url: `${input.endpoint}/v1/logs` });
    const processor = new BatchLogRecordProcessor({ exporter, selfObsMeterProvider: meters });
    const dropped = () => Object.fromEntries(Object.entries(meters.tally).filter(([reason]) => reason !== 'exported'));
    return { ...sdkEmitter(processor), dropped, leftOnDisk: () => 0, stats: () => undefined, cleanUp: () => {} };
  }
  if (input.pipeline === 'retain') {
    // Not a logweave sink: the least memory any queue of the SDK's records needs. It sends nothing.
    const held: unknown[] = [];
    const processor = pipeline({ sink: { onEmit: (record) => void held.push(record), forceFlush: async () => {}, shutdown: async () => {} } });
    return { ...sdkEmitter(processor), dropped: () => ({}), leftOnDisk: () => 0, stats: () => ({ held: held.length }), cleanUp: () => {} };
  }
  if (input.pipeline === 'pino') {
    const sender = pinoSender(input.endpoint);
    const args = realisticEmitArgs(POOL);
    // The transport's worker reports nothing back: its losses show only as lost records.
    return { emit: (i) => sender.emit(args[i % POOL]!), shutdown: sender.close, dropped: () => ({}), leftOnDisk: () => 0, stats: () => undefined, cleanUp: () => {} };
  }
  const dir = input.pipeline === 'durable' ? mkdtempSync(join(tmpdir(), 'logweave-bench-')) : undefined;
  const options: OtlpSinkOptions = { endpoint: input.endpoint };
  if (input.pipeline === 'logweave-large-queue') Object.assign(options, LARGE_QUEUE);
  if (input.pipeline === 'logweave-full') Object.assign(options, FULL_SET_SINK);
  if (dir !== undefined) options.durable = { dir };
  const sink = otlpSink(options);
  const processor = pipeline({ stages: input.pipeline === 'logweave-full' ? fullStageSet() : [], sink });
  const dropped = () => ({ ...processor.stats().droppedBy, ...sink.stats().droppedBy });
  const leftOnDisk = () => ('onDisk' in sink.stats() ? (sink.stats() as { onDisk: number }).onDisk : 0);
  const stats = () => ({ pipeline: processor.stats(), sink: sink.stats() });
  const cleanUp = () => dir !== undefined && rmSync(dir, { recursive: true, force: true });
  return { ...sdkEmitter(processor), dropped, leftOnDisk, stats, cleanUp };
}

/** Emits `total` records at `ratePerSec`: when behind schedule, bursts of `burst` records with a yield between. */
async function offerLoad(emit: (i: number) => void, total: number, ratePerSec: number, burst: number): Promise<void> {
  const start = performance.now();
  let emitted = 0;
  while (emitted < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * ratePerSec) / 1000));
    if (due <= emitted) {
      await sleep(1);
      continue;
    }
    const end = Math.min(due, emitted + burst);
    for (; emitted < end; emitted++) emit(emitted);
    await nextTick();
  }
}

async function main(input: E2eInput): Promise<E2eOutput> {
  const setup = setUp(input);
  // Before the load, not inside it: every pipeline starts from the same clean heap.
  collectGarbage();
  const rssBeforeBytes = process.memoryUsage.rss();
  let sampledPeak = rssBeforeBytes;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())), 5);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const cpuStart = process.cpuUsage();
  const threadStart = process.threadCpuUsage();
  const firstEmitAt = now();
  await offerLoad(setup.emit, input.records, input.ratePerSec, input.burst);
  const lastEmitAt = now();
  await setup.shutdown();
  const doneAt = now();
  const cpu = process.cpuUsage(cpuStart);
  const thread = process.threadCpuUsage(threadStart);
  loop.disable();
  clearInterval(sampler);
  const output: E2eOutput = {
    emitted: input.records,
    firstEmitAt,
    lastEmitAt,
    doneAt,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    mainThreadCpuSeconds: (thread.user + thread.system) / 1e6,
    loopP50Millis: loop.percentile(50) / 1e6,
    loopP99Millis: loop.percentile(99) / 1e6,
    rssBeforeBytes,
    // maxRSS is the kernel's exact peak, which the 5 ms sampler can miss while a burst blocks the loop.
    peakRssBytes: Math.max(sampledPeak, process.resourceUsage().maxRSS * 1024),
    reportedDropped: setup.dropped(),
    leftOnDisk: setup.leftOnDisk(),
    stats: setup.stats(),
  };
  setup.cleanUp();
  return output;
}

serveChild(main);
