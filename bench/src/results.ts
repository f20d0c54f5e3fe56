import type { BenchOptions } from './cli.ts';
import type { E2eRow } from './e2e-runner.ts';
import type { EncodingRow } from './encoding.ts';
import type { Machine } from './machine.ts';
import type { MicroRow } from './micro.ts';

export interface MicroResult extends MicroRow {
  /** Median ns/record of this row over that of row (a). */
  ratioToA: number;
  /** Median ns/record above row (b), the stage-less pipeline: what the stages themselves cost. */
  nsOverB: number;
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
  encoding: EncodingResult[];
  endToEnd: E2eResult[];
  targets: Target[];
}

export const E2E_LABELS: Record<E2eRow['id'], string> = {
  stock: '(e) stock: BatchLogRecordProcessor (queue 2048) + OTLPLogExporter proto',
  logweave: '(e) logweave: pipeline() + otlpSink() defaults (32 MiB queue)',
  'logweave-large-queue': '(e) logweave: otlpSink({ maxQueueBytes: 64 MiB })',
  durable: '(f) logweave: otlpSink({ durable: { dir } })',
};

/** The byte bound of each logweave queue (otlpSink's maxQueueBytes), for the RSS target. */
const QUEUE_BYTES_MIB: Partial<Record<E2eRow['id'], number>> = { logweave: 32, 'logweave-large-queue': 64 };

export function buildResults(
  machine: Machine,
  options: BenchOptions,
  micro: readonly MicroRow[],
  encoding: readonly EncodingRow[],
  e2e: readonly E2eRow[],
): BenchResults {
  const microMedian = (id: string) => micro.find((r) => r.id === id)!.nsPerRecord.median;
  const microResults = micro.map((r) => ({
    ...r,
    ratioToA: r.nsPerRecord.median / microMedian('a'),
    nsOverB: r.nsPerRecord.median - microMedian('b'),
  }));
  const rate = (id: string) => encoding.find((r) => r.id === id)!.recordsPerSecond.median;
  const encodingResults = encoding.map((r) => ({
    ...r,
    ratioToOfficial: r.recordsPerSecond.median / rate(r.id.startsWith('protobuf') ? 'protobuf:official' : 'json:official'),
  }));
  const stockRate = (ratePerSec: number) => e2e.find((r) => r.id === 'stock' && r.ratePerSec === ratePerSec)!.medianRun.deliveredPerSecond;
  const e2eResults = e2e.map((r) => ({ ...r, label: E2E_LABELS[r.id], ratioToStock: r.medianRun.deliveredPerSecond / stockRate(r.ratePerSec) }));
  const { outDir: _outDir, ...shown } = options;
  return {
    date: new Date().toISOString(),
    machine,
    options: shown,
    micro: microResults,
    encoding: encodingResults,
    endToEnd: e2eResults,
    targets: targets(microResults, rate, e2eResults),
  };
}

function targets(micro: readonly MicroResult[], rate: (id: string) => number, e2e: readonly E2eResult[]): Target[] {
  const ratioToA = (id: string) => micro.find((r) => r.id === id)!.ratioToA;
  const c = micro.find((r) => r.id === 'c')!;
  const protoRatio = rate('protobuf:logweave') / rate('protobuf:official');
  const jsonToFloor = rate('json:floor-records') / rate('json:logweave');
  return [
    {
      id: 'stages-overhead',
      target: 'full stage set (c) adds at most 50 % to (a)',
      measured: `(c) = ${c.ratioToA.toFixed(2)}× (a); without redact ${ratioToA('without-redact').toFixed(2)}×; ` +
        `a stage that only reads every character ${ratioToA('read-every-character').toFixed(2)}×`,
      holds: c.ratioToA <= 1.5,
    },
    ...e2e.filter((r) => r.id === 'logweave').map((row) => throughputTarget(row, e2e)),
    ...e2e.filter((r) => QUEUE_BYTES_MIB[r.id] !== undefined).map(rssTarget),
    {
      id: 'encoder-protobuf',
      target: 'protobuf encoder ≥ 2× the official serializer\'s records/s',
      measured: `${protoRatio.toFixed(2)}×`,
      holds: protoRatio >= 2,
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
