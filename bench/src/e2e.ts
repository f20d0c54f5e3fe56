/**
 * Child process of the bench: one end-to-end configuration. It offers a fixed load (N records at
 * a target rate, emitted in bursts) to a LoggerProvider whose pipeline exports to the bench's
 * receiver, shuts the provider down (which flushes), and reports its own CPU time, peak RSS and
 * what the pipeline says it dropped. The receiver, in another process, says what arrived.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from '@logweave/core';
import { otlpSink, type OtlpSinkOptions } from '@logweave/otlp';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordProcessor } from '@opentelemetry/sdk-logs';
import { collectGarbage, nextTick, serveChild } from './child.ts';
import { countingMeterProvider } from './counting-meter.ts';
import { benchResource, realisticEmitArgs } from './records.ts';

export const E2E_PIPELINES = ['stock', 'logweave', 'logweave-large-queue', 'durable'] as const;
export type E2ePipeline = (typeof E2E_PIPELINES)[number];

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

const POOL = 4096;
const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Setup {
  processor: LogRecordProcessor;
  dropped: () => Record<string, number>;
  leftOnDisk: () => number;
  stats: () => Record<string, unknown> | undefined;
  cleanUp: () => void;
}

function setUp(input: E2eInput): Setup {
  if (input.pipeline === 'stock') {
    const meters = countingMeterProvider();
    const exporter = new OTLPLogExporter({ url: `${input.endpoint}/v1/logs` });
    const processor = new BatchLogRecordProcessor({ exporter, selfObsMeterProvider: meters });
    const dropped = () => Object.fromEntries(Object.entries(meters.tally).filter(([reason]) => reason !== 'exported'));
    return { processor, dropped, leftOnDisk: () => 0, stats: () => undefined, cleanUp: () => {} };
  }
  const dir = input.pipeline === 'durable' ? mkdtempSync(join(tmpdir(), 'logweave-bench-')) : undefined;
  const options: OtlpSinkOptions = { endpoint: input.endpoint };
  if (input.pipeline === 'logweave-large-queue') Object.assign(options, LARGE_QUEUE);
  if (dir !== undefined) options.durable = { dir };
  const sink = otlpSink(options);
  const processor = pipeline({ sink });
  const dropped = () => ({ ...processor.stats().droppedBy, ...sink.stats().droppedBy });
  const leftOnDisk = () => ('onDisk' in sink.stats() ? (sink.stats() as { onDisk: number }).onDisk : 0);
  const stats = () => ({ pipeline: processor.stats(), sink: sink.stats() });
  const cleanUp = () => dir !== undefined && rmSync(dir, { recursive: true, force: true });
  return { processor, dropped, leftOnDisk, stats, cleanUp };
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
  const provider = new LoggerProvider({ resource: benchResource(), processors: [setup.processor] });
  const logger = provider.getLogger('checkout.http', '1.4.0');
  const args = realisticEmitArgs(POOL);
  const emit = (i: number) => logger.emit(args[i % POOL]!);
  collectGarbage();
  const rssBeforeBytes = process.memoryUsage.rss();
  let sampledPeak = rssBeforeBytes;
  const sampler = setInterval(() => (sampledPeak = Math.max(sampledPeak, process.memoryUsage.rss())), 5);
  const cpuStart = process.cpuUsage();
  const firstEmitAt = now();
  await offerLoad(emit, input.records, input.ratePerSec, input.burst);
  const lastEmitAt = now();
  await provider.shutdown();
  const doneAt = now();
  const cpu = process.cpuUsage(cpuStart);
  clearInterval(sampler);
  const output: E2eOutput = {
    emitted: input.records,
    firstEmitAt,
    lastEmitAt,
    doneAt,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
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
