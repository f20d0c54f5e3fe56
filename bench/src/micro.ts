/**
 * Child process of the bench: the cost of `logger.emit()` per record through the stock
 * BatchLogRecordProcessor, through pipeline() with no stage, with the full stage set, with each
 * stage alone, with the set less redact, and with a yardstick stage that only reads every
 * character. All configurations live in this one process and their runs are interleaved,
 * so that drift (frequency, other load) falls on all of them alike.
 */
import { pipeline, type Stage } from '@logweave/core';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { collectGarbage, nextTick, serveChild } from './child.ts';
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
  nsPerRecord: Summary;
  /** Records the no-op exporter received over all runs, against those emitted: they must be equal. */
  exported: number;
  emitted: number;
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
  exported: () => number;
  emitted: number;
}

function noopExporter(): LogRecordExporter & { count: number } {
  return {
    count: 0,
    export(records, done) {
      this.count += records.length;
      done({ code: 0 });
    },
    shutdown: async () => {},
    forceFlush: async () => {},
  };
}

function config(id: string, label: string, stages: Stage[] | undefined, args: readonly EmitArgs[]): Config {
  const exporter = noopExporter();
  const batch = new BatchLogRecordProcessor({ exporter });
  const processor = stages === undefined ? batch : pipeline({ stages, sink: batch });
  const provider = new LoggerProvider({ resource: benchResource(), processors: [processor] });
  const logger = provider.getLogger('checkout.http', '1.4.0');
  return { id, label, provider, emit: (i) => logger.emit(args[i % POOL]!), exported: () => exporter.count, emitted: 0 };
}

function configs(): Config[] {
  const args = realisticEmitArgs(POOL);
  return [
    config('a', '(a) logger.emit → BatchLogRecordProcessor → no-op exporter', undefined, args),
    config('b', '(b) same through pipeline(), no stage', [], args),
    config('c', '(c) pipeline: severity + enrich + redact + filter', fullStageSet(), args),
    ...STAGE_NAMES.map((name) => config(`stage:${name}`, `pipeline: ${name} alone`, [STAGE_FACTORIES[name]()], args)),
    config('without-redact', 'pipeline: severity + enrich + filter, (c) without redact', stageSetWithoutRedact(), args),
    config('read-every-character', 'yardstick: a stage that only reads every character of each string', [readEveryCharacter()], args),
  ];
}

/**
 * CPU nanoseconds per record of one run: emit in chunks, yielding so exports complete, then
 * flush. CPU time of the process (GC threads included) rather than wall time: time the process
 * spends descheduled on a busy machine is not its cost.
 */
async function timeRun(target: Config, records: number): Promise<number> {
  collectGarbage();
  await nextTick();
  const start = process.cpuUsage();
  for (let i = 0; i < records; ) {
    const end = Math.min(records, i + CHUNK);
    for (; i < end; i++) target.emit(i);
    await nextTick();
  }
  await target.provider.forceFlush();
  const used = process.cpuUsage(start);
  target.emitted += records;
  return ((used.user + used.system) * 1000) / records;
}

async function main(input: MicroInput): Promise<MicroRow[]> {
  const all = configs();
  const samples = new Map<string, number[]>(all.map((c) => [c.id, []]));
  const rounds = input.warmupRuns + input.runs;
  for (let round = 0; round < rounds; round++) {
    // Rotating the order as well: no configuration always runs right after the same other one.
    for (let k = 0; k < all.length; k++) {
      const target = all[(round + k) % all.length]!;
      const ns = await timeRun(target, input.recordsPerRun);
      if (round >= input.warmupRuns) samples.get(target.id)!.push(ns);
    }
  }
  await Promise.all(all.map((c) => c.provider.shutdown()));
  return all.map((c) => ({
    id: c.id,
    label: c.label,
    nsPerRecord: summarize(samples.get(c.id)!),
    exported: c.exported(),
    emitted: c.emitted,
  }));
}

serveChild(main);
