/**
 * End-to-end benchmark against the real Collector (not a test): the stock SDK pipeline
 * (BatchLogRecordProcessor + OTLP/HTTP protobuf exporter) and logweave's otlpSink, each in a fresh
 * child process (bench/src/e2e.ts), offer a fixed rate to a Collector running
 * configs/agent.yaml, which exports to the bench's counting receiver. Reported per row: records/s
 * delivered through the Collector, records lost, the sender's CPU per 100k records, and the
 * Collector's own CPU (the Collector's CI budget, 10k logs/s at ≤ 30 % of a core, is the
 * reference line).
 *
 *   node test/collector/bench.ts [--rates 50000,100000] [--seconds 5] [--runs 2]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { runChild } from '../../bench/src/child.ts';
import type { E2eInput, E2eOutput, E2ePipeline } from '../../bench/src/e2e.ts';
import { startReceiver, type Receiver } from '../../bench/src/receiver-client.ts';
import { startCollector, stopAllCollectors, type Collector } from './support/collector.ts';

const PIPELINES: readonly E2ePipeline[] = ['stock', 'logweave'];
/** Clock ticks per second of /proc/<pid>/stat on Linux. */
const CLOCK_TICKS = 100;

interface Row {
  pipeline: E2ePipeline;
  ratePerSec: number;
  emitted: number;
  delivered: number;
  deliveredPerSec: number;
  lost: number;
  reportedDropped: Record<string, number>;
  senderCpuPer100k: number;
  collectorCpuPercent: number;
}

/** CPU seconds a process has used so far (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** Waits until the receiver's count stops growing: the Collector has flushed its batches. */
async function settled(receiver: Receiver, expected: number): Promise<Awaited<ReturnType<Receiver['report']>>> {
  let last = await receiver.report();
  for (let quiet = 0; quiet < 10 && last.records < expected; ) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await receiver.report();
    quiet = next.records === last.records ? quiet + 1 : 0;
    last = next;
  }
  return last;
}

async function runOnce(collector: Collector, receiver: Receiver, input: E2eInput): Promise<Row> {
  await receiver.reset();
  const pid = collector.pid()!;
  const collectorCpuBefore = cpuSeconds(pid);
  const sender = await runChild<E2eOutput>(new URL('../../bench/src/e2e.ts', import.meta.url), input);
  const received = await settled(receiver, sender.emitted);
  const collectorCpu = cpuSeconds(pid) - collectorCpuBefore;
  const seconds = ((received.lastAcceptedAt ?? sender.doneAt) - sender.firstEmitAt) / 1000;
  return {
    pipeline: input.pipeline,
    ratePerSec: input.ratePerSec,
    emitted: sender.emitted,
    delivered: received.records,
    deliveredPerSec: received.records / seconds,
    lost: sender.emitted - received.records,
    reportedDropped: sender.reportedDropped,
    senderCpuPer100k: (sender.cpuSeconds / sender.emitted) * 100_000,
    collectorCpuPercent: (collectorCpu / seconds) * 100,
  };
}

function render(rows: Row[]): string {
  const lines = [
    '| offered/s | pipeline | delivered/s via Collector | lost | reported dropped | sender CPU s / 100k | Collector CPU % of a core |',
    '| ---: | --- | ---: | ---: | --- | ---: | ---: |',
  ];
  for (const r of rows) {
    const dropped = Object.entries(r.reportedDropped).map(([k, v]) => `${k}: ${v}`).join(', ') || '—';
    lines.push(
      `| ${r.ratePerSec} | ${r.pipeline} | ${Math.round(r.deliveredPerSec)} | ${r.lost} of ${r.emitted} | ${dropped} | ${r.senderCpuPer100k.toFixed(2)} | ${r.collectorCpuPercent.toFixed(0)} |`,
    );
  }
  lines.push('', 'Reference: the Collector\'s own CI budget is 10k logs/s at ≤ 30 % of a core.');
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rates: { type: 'string', default: '50000,100000' }, seconds: { type: 'string', default: '5' }, runs: { type: 'string', default: '2' } } });
  const rates = values.rates.split(',').map(Number);
  const receiver = await startReceiver();
  const collector = await startCollector({ exportEndpoint: receiver.endpoint, env: { BATCH_TIMEOUT: '200ms' } });
  try {
    const rows: Row[] = [];
    for (const ratePerSec of rates) {
      for (let round = 0; round < Number(values.runs); round++) {
        for (const pipeline of PIPELINES) {
          const input: E2eInput = { pipeline, endpoint: collector.httpUrl, records: ratePerSec * Number(values.seconds), ratePerSec, burst: 1_000 };
          const row = await runOnce(collector, receiver, input);
          process.stderr.write(`collector bench: ${ratePerSec}/s ${pipeline}: ${Math.round(row.deliveredPerSec)}/s delivered, ${row.lost} lost\n`);
          rows.push(row);
        }
      }
    }
    process.stdout.write(`${render(rows)}\n`);
  } finally {
    await stopAllCollectors();
    receiver.stop();
  }
}

await main();
