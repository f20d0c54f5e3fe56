import type { BenchOptions } from './cli.ts';
import type { E2eRow, E2eRun } from './e2e-runner.ts';
import type { EncodingRow } from './encoding.ts';
import type { Machine } from './machine.ts';
import type { CompressionRow } from './compression.ts';
import type { MicroOutput, MicroRow } from './micro.ts';

export interface MicroResult extends MicroRow {
  /** Median emit-path ns/record of this row over that of row (a). */
  ratioToA: number;
  /** Median emit-path ns/record above row (b), the stage-less pipeline: what the stages themselves cost. */
  nsOverB: number;
}

export interface CompressionResult extends CompressionRow {
  /** Median CPU and bytes per record over those of gzip level 6. */
  cpuToGzip6: number;
  bytesToGzip6: number;
}

export interface EncodingResult extends EncodingRow {
  /** Median records/s of this row over that of the official serializer of the same format. */
  ratioToOfficial: number;
}

export interface E2eResult extends E2eRow {
  label: string;
  /** Delivered records/s of the median run over that of the stock pipeline's median run at the same offered rate. */
  ratioToStock: number;
}

export interface Target {
  id: string;
  target: string;
  measured: string;
  holds: boolean;
}

export interface BenchResults {
  date: string;
  machine: Machine;
  options: Omit<BenchOptions, 'outDir'>;
  micro: MicroResult[];
  /** Records the micro rows' receiver accepted, against the sum they emitted. */
  microReceived: number;
  encoding: EncodingResult[];
  compression: CompressionResult[];
  endToEnd: E2eResult[];
  targets: Target[];
}

export const E2E_LABELS: Record<E2eRow['id'], string> = {
  stock: '(e) stock: BatchLogRecordProcessor (queue 2048) + OTLPLogExporter proto',
  logweave: '(e) logweave: pipeline() + otlpSink() defaults (32 MiB queue)',
  'logweave-large-queue': '(e) logweave: otlpSink({ maxQueueBytes: 64 MiB })',
  durable: '(f) logweave: otlpSink({ durable: { dir } })',
  'logweave-full': '(g) logweave: severity + enrich + redact + filter → otlpSink({ compression: zstd })',
  pino: '(h) pino + pino-opentelemetry-transport (stock SDK pipeline in a worker thread)',
  retain: 'yardstick: a sink that only keeps the SDK\'s records in an array (sends nothing)',
};

/** The byte bound of each logweave queue (otlpSink's maxQueueBytes), for the RSS target. */
const QUEUE_BYTES_MIB: Partial<Record<E2eRow['id'], number>> = { logweave: 32, 'logweave-large-queue': 64 };

export function buildResults(
  machine: Machine,
  options: BenchOptions,
  microOutput: MicroOutput,
  encoding: readonly EncodingRow[],
  compression: readonly CompressionRow[],
  e2e: readonly E2eRow[],
): BenchResults {
  const micro = microOutput.rows;
  const microMedian = (id: string) => micro.find((r) => r.id === id)!.emitNs.median;
  const microResults = micro.map((r) => ({
    ...r,
    ratioToA: r.emitNs.median / microMedian('a'),
    nsOverB: r.emitNs.median - microMedian('b'),
  }));
  const gzip6 = compression.find((r) => r.id === 'gzip-6')!;
  const compressionResults = compression.map((r) => ({
    ...r,
    cpuToGzip6: r.cpuNsPerRecord.median / gzip6.cpuNsPerRecord.median,
    bytesToGzip6: r.bytesPerRecord / gzip6.bytesPerRecord,
  }));
  const rate = (id: string) => encoding.find((r) => r.id === id)!.recordsPerSecond.median;
  const encodingResults = encoding.map((r) => ({
    ...r,
    ratioToOfficial: r.recordsPerSecond.median / rate(r.id.startsWith('protobuf') ? 'protobuf:official' : 'json:official'),
  }));
  const stockRate = (ratePerSec: number) => e2e.find((r) => r.id === 'stock' && r.ratePerSec === ratePerSec)!.medianRun.deliveredPerSecond;
  // Delivered records/s means nothing for an instant burst (ratePerSec 0): its ratio is shown as received ÷ stock's received.
  const e2eResults = e2e.map((r) => ({ ...r, label: E2E_LABELS[r.id], ratioToStock: r.medianRun.deliveredPerSecond / stockRate(r.ratePerSec) }));
  const targetList = [
    ...targets(microResults, rate, e2eResults),
    ...deliveryTargets(e2eResults),
    ...compressionTargets(compressionResults),
  ];
  const { outDir: _outDir, ...shown } = options;
  return {
    date: new Date().toISOString(),
    machine,
    options: shown,
    micro: microResults,
    microReceived: microOutput.received,
    encoding: encodingResults,
    compression: compressionResults,
    endToEnd: e2eResults,
    targets: targetList,
  };
}

function targets(micro: readonly MicroResult[], rate: (id: string) => number, e2e: readonly E2eResult[]): Target[] {
  const ratioToA = (id: string) => micro.find((r) => r.id === id)!.ratioToA;
  const c = micro.find((r) => r.id === 'c')!;
  const protoRatio = rate('protobuf:logweave') / rate('protobuf:official');
  const jsonToFloor = rate('json:floor-records') / rate('json:logweave');
  return [
    {
      id: 'emit-path',
      target: 'emit path of the full stage set through otlpSink() (c) ≤ 1.3× a bare stock emit (a)',
      measured: `(c) = ${c.ratioToA.toFixed(2)}× (a); no stage (b) ${ratioToA('b').toFixed(2)}×; without redact ${ratioToA('without-redact').toFixed(2)}×; ` +
        `a stage that only reads every character ${ratioToA('read-every-character').toFixed(2)}×`,
      holds: c.ratioToA <= 1.3,
    },
    ...e2e.filter((r) => r.id === 'logweave' && r.ratePerSec > 0).map((row) => throughputTarget(row, e2e)),
    ...e2e.filter((r) => QUEUE_BYTES_MIB[r.id] !== undefined && r.ratePerSec > 0).map(rssTarget),
    {
      id: 'encoder-protobuf',
      target: 'protobuf encoder ≥ 2.5× the official serializer\'s records/s (steady loop, no forced GC)',
      measured: `${protoRatio.toFixed(2)}×`,
      holds: protoRatio >= 2.5,
    },
    {
      id: 'encoder-json',
      target: 'JSON encoder within 1.5× of JSON.stringify of equivalent plain records',
      measured: `floor is ${jsonToFloor.toFixed(2)}× faster`,
      holds: jsonToFloor <= 1.5,
    },
  ];
}

const perSecond = (n: number): string => `${Math.round(n).toLocaleString('en-US')}/s`;

function throughputTarget(logweave: E2eResult, e2e: readonly E2eResult[]): Target {
  const stock = e2e.find((r) => r.id === 'stock' && r.ratePerSec === logweave.ratePerSec)!;
  const lost = logweave.runs.reduce((sum, r) => sum + r.lost, 0);
  return {
    id: `e2e-throughput@${logweave.ratePerSec}`,
    target: `at ${perSecond(logweave.ratePerSec)} offered: logweave delivers ≥ 1.5× the stock records/s with 0 lost, and the stock pipeline drops`,
    measured: `${logweave.ratioToStock.toFixed(2)}× stock; logweave lost ${lost} over its ${logweave.runs.length} runs, stock lost ${stock.medianRun.lost} in its median run`,
    holds: logweave.ratioToStock >= 1.5 && lost === 0 && stock.medianRun.lost > 0,
  };
}

function rssTarget(row: E2eResult): Target {
  const bound = QUEUE_BYTES_MIB[row.id]!;
  const { peakRssMiB, rssBeforeMiB } = row.medianRun;
  const growth = peakRssMiB - rssBeforeMiB;
  return {
    id: `rss-bounded:${row.id}@${row.ratePerSec}`,
    target: `at ${perSecond(row.ratePerSec)} offered: ${row.id} peak RSS growth during the load ≤ its configured maxQueueBytes (${bound} MiB)`,
    measured: `+${growth.toFixed(1)} MiB (${rssBeforeMiB.toFixed(0)} → ${peakRssMiB.toFixed(0)} MiB)`,
    holds: growth <= bound,
  };
}

/** Main-thread CPU and event-loop targets at 50k/s, the instant burst, and the pino comparison. */
function deliveryTargets(e2e: readonly E2eResult[]): Target[] {
  const find = (id: string, ratePerSec: number) => e2e.find((r) => r.id === id && r.ratePerSec === ratePerSec);
  const list: Target[] = [];
  const stock = find('stock', 50_000);
  const full = find('logweave-full', 50_000);
  if (stock !== undefined && full !== undefined) {
    const perDelivered = (run: E2eRun) => (run.mainThreadCpuSecondsPer100k * run.emitted) / Math.max(1, run.received);
    const cpuRatio = perDelivered(full.medianRun) / perDelivered(stock.medianRun);
    list.push({
      id: 'main-thread-cpu@50000',
      target: 'at 50,000/s offered: main-thread CPU per delivered record of (g) ≤ 0.6× the stock pipeline, event-loop p99 ≤ stock\'s',
      measured: `${cpuRatio.toFixed(2)}× stock; event-loop p99 ${full.medianRun.loopP99Millis.toFixed(1)} ms against ${stock.medianRun.loopP99Millis.toFixed(1)} ms`,
      holds: cpuRatio <= 0.6 && full.medianRun.loopP99Millis <= stock.medianRun.loopP99Millis,
    });
  }
  const pino = find('pino', 50_000);
  if (pino !== undefined && full !== undefined) {
    const cpuRatio = full.medianRun.cpuSecondsPer100k / pino.medianRun.cpuSecondsPer100k;
    list.push({
      id: 'against-pino@50000',
      target: 'at 50,000/s offered: (g) uses no more process CPU than pino + pino-opentelemetry-transport (h)',
      measured: `${cpuRatio.toFixed(2)}× pino's CPU; pino lost ${pino.medianRun.lost}, (g) lost ${full.medianRun.lost}`,
      holds: cpuRatio <= 1,
    });
  }
  const burst = find('logweave', 0);
  const stockBurst = find('stock', 0);
  const retain = find('retain', 0);
  if (burst !== undefined && stockBurst !== undefined && retain !== undefined) {
    const lost = burst.runs.reduce((sum, r) => sum + r.lost, 0);
    const growthOf = (row: E2eResult) => row.medianRun.peakRssMiB - row.medianRun.rssBeforeMiB;
    const growth = growthOf(burst);
    const queueMiB = QUEUE_BYTES_MIB.logweave!;
    const bound = queueMiB * 1.1;
    list.push({
      id: 'instant-burst',
      target: `instant burst of ${burst.medianRun.emitted.toLocaleString('en-US')} records: logweave loses 0, RSS growth ≤ its ${queueMiB} MiB queue + 10 %`,
      measured: `logweave lost ${lost} over ${burst.runs.length} runs, +${growth.toFixed(1)} MiB (a sink that only keeps the records: +${growthOf(retain).toFixed(1)} MiB); ` +
        `stock lost ${stockBurst.medianRun.lost} (${((100 * stockBurst.medianRun.lost) / stockBurst.medianRun.emitted).toFixed(1)} %)`,
      holds: lost === 0 && growth <= bound,
    });
  }
  return list;
}

function compressionTargets(compression: readonly CompressionResult[]): Target[] {
  const zstd = compression.find((r) => r.id === 'zstd')!;
  return [
    {
      id: 'zstd',
      target: 'zstd: CPU per record ≤ 0.4× gzip level 6, bytes ≤ 1.1× gzip level 6',
      measured: `CPU ${zstd.cpuToGzip6.toFixed(2)}×, bytes ${zstd.bytesToGzip6.toFixed(2)}×`,
      holds: zstd.cpuToGzip6 <= 0.4 && zstd.bytesToGzip6 <= 1.1,
    },
  ];
}
