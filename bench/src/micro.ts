/**
 * Child process of the bench: the cost of `logger.emit()` per record through the stock SDK
 * pipeline (BatchLogRecordProcessor + OTLPLogExporter) and through pipeline() + otlpSink() with
 * no stage, the full stage set, each stage alone, the set less redact, and a yardstick stage that
 * only reads every character. Every row delivers to the same receiver process on 127.0.0.1, so
 * each pays for its real sink. All configurations live in this one process and their runs are
 * interleaved, so that drift (frequency, other load) falls on all of them alike. No forced GC:
 * each run is a steady loop that pays for its own garbage, as an application would.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pipeline, type Stage } from '@logweave/core';
import { otlpSink } from '@logweave/otlp';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordProcessor } from '@opentelemetry/sdk-logs';
import { nextTick, serveChild } from './child.ts';
import { countingMeterProvider } from './counting-meter.ts';
import { startReceiver } from './receiver-client.ts';
import { benchResource, realisticEmitArgs, type EmitArgs } from './records.ts';
import { fullStageSet, readEveryCharacter, STAGE_FACTORIES, STAGE_NAMES, stageSetWithoutRedact } from './stage-sets.ts';
import { summarize, type Summary } from './stats.ts';

export interface MicroInput {
  recordsPerRun: number;
  runs: number;
  warmupRuns: number;
}

export interface MicroRow {
  id: string;
  label: string;
  /** Main-thread CPU inside the synchronous `logger.emit()` calls alone, per record. */
  emitNs: Summary;
  /** Main-thread CPU of the whole run (emit, then export work until forceFlush resolves), per record. */
  mainThreadNs: Summary;
  /** CPU of the whole process (all threads, GC included) over the run, per record. */
  totalNs: Summary;
  /** Event-loop delay over the run, 50th and 99th percentile, in milliseconds. */
  loopP50Millis: Summary;
  loopP99Millis: Summary;
  emitted: number;
  /** What the row's pipeline reports it dropped over all runs, by reason (the receiver's total must match). */
  dropped: Record<string, number>;
}

export interface MicroOutput {
  rows: MicroRow[];
  /** Records the receiver accepted over every run of every row: must equal the sum emitted. */
  received: number;
}

/** Emitted records between two yields to the event loop, below the BatchLogRecordProcessor's batch of 512. */
const CHUNK = 256;
/** Distinct emit arguments, cycled through. */
const POOL = 4096;

interface Config {
  id: string;
  label: string;
  provider: LoggerProvider;
  emit: (i: number) => void;
  emitted: number;
  dropped: () => Record<string, number>;
}

function config(id: string, label: string, processor: LogRecordProcessor, args: readonly EmitArgs[], dropped: () => Record<string, number>): Config {
  const provider = new LoggerProvider({ resource: benchResource(), processors: [processor] });
  const logger = provider.getLogger('checkout.http', '1.4.0');
  return { id, label, provider, emit: (i) => logger.emit(args[i % POOL]!), emitted: 0, dropped };
}

function configs(endpoint: string): Config[] {
  const args = realisticEmitArgs(POOL);
  const meters = countingMeterProvider();
  const stock = new BatchLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${endpoint}/v1/logs` }), selfObsMeterProvider: meters });
  const stockDropped = () => Object.fromEntries(Object.entries(meters.tally).filter(([reason]) => reason !== 'exported'));
  const logweave = (id: string, label: string, stages: Stage[]) => {
    const sink = otlpSink({ endpoint });
    const processor = pipeline({ stages, sink });
    return config(id, label, processor, args, () => ({ ...processor.stats().droppedBy, ...sink.stats().droppedBy }));
  };
  return [
    config('a', '(a) stock: logger.emit → BatchLogRecordProcessor → OTLPLogExporter', stock, args, stockDropped),
    logweave('b', '(b) pipeline(), no stage → otlpSink()', []),
    logweave('c', '(c) pipeline: severity + enrich + redact + filter → otlpSink()', fullStageSet()),
    ...STAGE_NAMES.map((name) => logweave(`stage:${name}`, `pipeline: ${name} alone`, [STAGE_FACTORIES[name]()])),
    logweave('without-redact', 'pipeline: severity + enrich + filter, (c) without redact', stageSetWithoutRedact()),
    logweave('read-every-character', 'yardstick: a stage that only reads every character of each string', [readEveryCharacter()]),
  ];
}

interface RunSample {
  emitNs: number;
  mainThreadNs: number;
  totalNs: number;
  loopP50Millis: number;
  loopP99Millis: number;
}

const micros = (usage: NodeJS.CpuUsage): number => usage.user + usage.system;

/**
 * One run: emit in chunks, yielding so exports go on as they would in a service, then flush.
 * CPU time rather than wall time: time the process spends descheduled on a busy machine is
 * not its cost.
 */
async function timeRun(target: Config, records: number): Promise<RunSample> {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const processStart = process.cpuUsage();
  const threadStart = process.threadCpuUsage();
  let emitMicros = 0;
  for (let i = 0; i < records; ) {
    const end = Math.min(records, i + CHUNK);
    const chunkStart = process.threadCpuUsage();
    for (; i < end; i++) target.emit(i);
    emitMicros += micros(process.threadCpuUsage(chunkStart));
    await nextTick();
  }
  await target.provider.forceFlush();
  const mainThread = micros(process.threadCpuUsage(threadStart));
  const total = micros(process.cpuUsage(processStart));
  loop.disable();
  target.emitted += records;
  return {
    emitNs: (emitMicros * 1000) / records,
    mainThreadNs: (mainThread * 1000) / records,
    totalNs: (total * 1000) / records,
    loopP50Millis: loop.percentile(50) / 1e6,
    loopP99Millis: loop.percentile(99) / 1e6,
  };
}

async function main(input: MicroInput): Promise<MicroOutput> {
  const receiver = await startReceiver();
  const all = configs(receiver.endpoint);
  const samples = new Map<string, RunSample[]>(all.map((c) => [c.id, []]));
  const rounds = input.warmupRuns + input.runs;
  for (let round = 0; round < rounds; round++) {
    // Rotating the order as well: no configuration always runs right after the same other one.
    for (let k = 0; k < all.length; k++) {
      const target = all[(round + k) % all.length]!;
      const sample = await timeRun(target, input.recordsPerRun);
      if (round >= input.warmupRuns) samples.get(target.id)!.push(sample);
    }
  }
  await Promise.all(all.map((c) => c.provider.shutdown()));
  const received = (await receiver.report()).records;
  receiver.stop();
  const column = (id: string, key: keyof RunSample) => summarize(samples.get(id)!.map((s) => s[key]));
  const rows = all.map((c) => ({
    id: c.id,
    label: c.label,
    emitNs: column(c.id, 'emitNs'),
    mainThreadNs: column(c.id, 'mainThreadNs'),
    totalNs: column(c.id, 'totalNs'),
    loopP50Millis: column(c.id, 'loopP50Millis'),
    loopP99Millis: column(c.id, 'loopP99Millis'),
    emitted: c.emitted,
    dropped: c.dropped(),
  }));
  return { rows, received };
}

serveChild(main);
