import { runChild } from './child.ts';
import { E2E_PIPELINES, type E2eInput, type E2eOutput, type E2ePipeline } from './e2e.ts';
import type { ReceiverReport } from './receiver.ts';
import { startReceiver, type Receiver } from './receiver-client.ts';

export interface LoadOptions {
  records: number;
  ratesPerSec: readonly number[];
  burst: number;
  runs: number;
  /** Records of the instant-burst block: emitted in one synchronous loop (0: no such block). */
  instantBurstRecords: number;
}

/** The pipelines of the instant-burst block: the stock SDK pipeline and logweave's defaults. */
export const INSTANT_BURST_PIPELINES: readonly E2ePipeline[] = ['stock', 'logweave', 'retain'];
/** The offered rate of an instant burst: so high that every record is due at once. */
const INSTANT = 1e12;

/** One run of one pipeline, as the sender and the receiver saw it. */
export interface E2eRun {
  emitted: number;
  received: number;
  lost: number;
  reportedDropped: Record<string, number>;
  leftOnDisk: number;
  /** Records received / seconds from the first emit to the last record accepted. */
  deliveredPerSecond: number;
  /** Records emitted / seconds from the first emit to the last: the load the application achieved. */
  emittedPerSecond: number;
  cpuSecondsPer100k: number;
  mainThreadCpuSecondsPer100k: number;
  loopP50Millis: number;
  loopP99Millis: number;
  rssBeforeMiB: number;
  peakRssMiB: number;
  requests: number;
  /** Requests the receiver could not read (answered 400): must be 0. */
  invalidRequests: number;
  verified: boolean | undefined;
  /** logweave rows: the pipeline's and the sink's stats after shutdown. */
  stats: Record<string, unknown> | undefined;
}

export interface E2eRow {
  id: E2ePipeline;
  /** The offered load of this row's runs; 0 for an instant burst (every record in one synchronous loop). */
  ratePerSec: number;
  /** The run with the median delivered records/s (the lower of the two middle ones for an even count): a row shows one real run whole. */
  medianRun: E2eRun;
  runs: E2eRun[];
}

const MIB = 1024 * 1024;

function toRun(sender: E2eOutput, received: ReceiverReport): E2eRun {
  const seconds = ((received.lastAcceptedAt ?? sender.doneAt) - sender.firstEmitAt) / 1000;
  return {
    emitted: sender.emitted,
    received: received.records,
    lost: sender.emitted - received.records,
    reportedDropped: sender.reportedDropped,
    leftOnDisk: sender.leftOnDisk,
    deliveredPerSecond: received.records / seconds,
    emittedPerSecond: sender.emitted / ((sender.lastEmitAt - sender.firstEmitAt) / 1000),
    cpuSecondsPer100k: (sender.cpuSeconds / sender.emitted) * 100_000,
    mainThreadCpuSecondsPer100k: (sender.mainThreadCpuSeconds / sender.emitted) * 100_000,
    loopP50Millis: sender.loopP50Millis,
    loopP99Millis: sender.loopP99Millis,
    rssBeforeMiB: sender.rssBeforeBytes / MIB,
    peakRssMiB: sender.peakRssBytes / MIB,
    requests: received.requests,
    invalidRequests: received.invalid,
    verified: received.verified,
    stats: sender.stats,
  };
}

/**
 * At each offered rate, runs every pipeline `load.runs` times, interleaved (stock, logweave, …,
 * stock, logweave, …), each run in a fresh child process, all against one receiver process.
 */
export async function runEndToEnd(load: LoadOptions, progress: (line: string) => void): Promise<E2eRow[]> {
  const receiver = await startReceiver();
  try {
    const rows: E2eRow[] = [];
    for (const ratePerSec of load.ratesPerSec) {
      const runs = new Map<E2ePipeline, E2eRun[]>(E2E_PIPELINES.map((p) => [p, []]));
      for (let round = 0; round < load.runs; round++) {
        for (const pipeline of E2E_PIPELINES) {
          const input: E2eInput = { pipeline, endpoint: receiver.endpoint, records: load.records, ratePerSec, burst: load.burst };
          const run = await runOnce(receiver, input);
          runs.get(pipeline)!.push(run);
          progress(`e2e ${ratePerSec}/s ${pipeline} run ${round + 1}/${load.runs}: ${Math.round(run.deliveredPerSecond)} records/s delivered, ${run.lost} lost`);
        }
      }
      for (const id of E2E_PIPELINES) rows.push(summarizeRuns(id, ratePerSec, runs.get(id)!));
    }
    if (load.instantBurstRecords > 0) rows.push(...(await runInstantBursts(receiver, load, progress)));
    return rows;
  } finally {
    receiver.stop();
  }
}

/** Every record emitted in one synchronous loop, as a service logs a burst of errors at once. */
async function runInstantBursts(receiver: Receiver, load: LoadOptions, progress: (line: string) => void): Promise<E2eRow[]> {
  const runs = new Map<E2ePipeline, E2eRun[]>(INSTANT_BURST_PIPELINES.map((p) => [p, []]));
  const records = load.instantBurstRecords;
  for (let round = 0; round < load.runs; round++) {
    for (const pipeline of INSTANT_BURST_PIPELINES) {
      const run = await runOnce(receiver, { pipeline, endpoint: receiver.endpoint, records, ratePerSec: INSTANT, burst: records });
      runs.get(pipeline)!.push(run);
      progress(`instant burst of ${records} ${pipeline} run ${round + 1}/${load.runs}: ${run.lost} lost`);
    }
  }
  return INSTANT_BURST_PIPELINES.map((id) => summarizeRuns(id, 0, runs.get(id)!));
}

async function runOnce(receiver: Receiver, input: E2eInput): Promise<E2eRun> {
  await receiver.reset();
  const sender = await runChild<E2eOutput>(new URL('./e2e.ts', import.meta.url), input);
  return toRun(sender, await receiver.report());
}

function summarizeRuns(id: E2ePipeline, ratePerSec: number, runs: E2eRun[]): E2eRow {
  const byRate = [...runs].sort((a, b) => a.deliveredPerSecond - b.deliveredPerSecond);
  return { id, ratePerSec, medianRun: byRate[(byRate.length - 1) >> 1]!, runs };
}
