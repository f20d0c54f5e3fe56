import type { BenchResults } from './results.ts';
import { relativeSpread, type Summary } from './stats.ts';

const int = (n: number): string => Math.round(n).toLocaleString('en-US');
const ratio = (n: number): string => `${n.toFixed(2)}×`;
const spread = (s: Summary): string => `±${(relativeSpread(s) * 100).toFixed(1)} %`;
const signed = (n: number): string => (n >= 0 ? `+${int(n)}` : `−${int(-n)}`);

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function dropped(reasons: Record<string, number>): string {
  const entries = Object.entries(reasons).filter(([, n]) => n > 0);
  return entries.length === 0 ? '0' : entries.map(([reason, n]) => `${int(n)} ${reason}`).join(', ');
}

/** What the micro rows say they dropped, by row and reason. */
function microDropped(results: BenchResults): string {
  const rows = results.micro.filter((r) => Object.values(r.dropped).some((n) => n > 0));
  return rows.length === 0 ? 'none' : rows.map((r) => `${dropped(r.dropped)} in row ${r.id}`).join('; ');
}

/** The results as the markdown the bench prints and the root README shows. */
export function renderMarkdown(results: BenchResults): string {
  const { machine, options } = results;
  const e2e = options.e2e;
  const parts = [
    `Measured ${results.date.slice(0, 10)} on ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM, ` +
      `${machine.os}, Node ${machine.node} (load average ${machine.loadAverageAtStart} at start)` +
      (options.quick ? ' — **--quick run: tiny counts, numbers meaningless**' : '') + '.',
    `**Per-record cost** of \`logger.emit()\` (sdk-logs 3.1.1), every row delivering to a receiver on 127.0.0.1 through its real sink: ` +
      `${int(options.microRecords)} realistic records per run, emitted in chunks of 256 with a yield between, then flushed; median of ${options.runs} interleaved runs after ${options.warmupRuns} warm-up rounds, no forced GC. ` +
      `Emit path = main-thread CPU inside the \`emit()\` calls alone; main thread = the whole run's main-thread CPU (export work included); total = every thread of the process. ` +
      `The micro rows' receiver accepted ${int(results.microReceived)} of the ${int(results.micro.reduce((sum, r) => sum + r.emitted, 0))} records they emitted; ` +
      `the pipelines reported dropping ${microDropped(results)}.`,
    table(
      ['row', 'emit path ns/record', 'spread', '× (a)', 'ns over (b)', 'main thread ns/record', 'total CPU ns/record', 'event loop p50 / p99 ms'],
      results.micro.map((r) => [
        r.label,
        int(r.emitNs.median),
        spread(r.emitNs),
        ratio(r.ratioToA),
        r.id === 'a' || r.id === 'b' ? '' : signed(r.nsOverB),
        int(r.mainThreadNs.median),
        int(r.totalNs.median),
        `${r.loopP50Millis.median.toFixed(1)} / ${r.loopP99Millis.median.toFixed(1)}`,
      ]),
    ),
    `**(d) OTLP encoding** of ${int(options.encodingRecords)} realistic records (after the full stage set), records per second of process CPU time, median of ${options.runs} interleaved runs.`,
    table(
      ['encoder', 'records/s', 'spread', '× official', 'output size'],
      results.encoding.map((r) => [r.label, int(r.recordsPerSecond.median), spread(r.recordsPerSecond), ratio(r.ratioToOfficial), `${(r.bytes / 1024 / 1024).toFixed(2)} MiB`]),
    ),
    `**Compression** of one OTLP/protobuf request of ${int(options.encodingRecords)} realistic records (node:zlib), process CPU per record, median of ${options.runs} interleaved runs.`,
    table(
      ['compression', 'CPU ns/record', 'spread', '× gzip 6 CPU', 'bytes/record', '× gzip 6 bytes'],
      results.compression.map((r) => [r.label, int(r.cpuNsPerRecord.median), spread(r.cpuNsPerRecord), ratio(r.cpuToGzip6), r.bytesPerRecord.toFixed(1), ratio(r.bytesToGzip6)]),
    ),
    `**End to end** into a receiver on 127.0.0.1 (its own process; counts records from the protobuf wire format, the first request of each run also decoded with the official schema): ` +
      `${int(e2e.records)} records offered at each rate in bursts of at most ${int(e2e.burst)}, each pipeline in its own process, ` +
      `${e2e.runs} interleaved runs; each row is the run with the median delivered records/s. Delivered/s = records received ÷ time from the first emit to the last record accepted; CPU and RSS are the sending process's. ` +
      `"instant" rows: ${int(e2e.instantBurstRecords)} records emitted in one synchronous loop.`,
    table(
      ['offered', 'pipeline', 'emitted/s achieved', 'received', 'lost', 'pipeline reports dropped', 'delivered records/s', '× stock', 'CPU s / 100k emitted', 'main thread CPU s / 100k', 'event loop p50 / p99 ms', 'peak RSS MiB (before load)'],
      results.endToEnd.map(({ ratePerSec, label, medianRun: run, ratioToStock }) => [
        ratePerSec === 0 ? 'instant' : `${int(ratePerSec)}/s`,
        label,
        int(run.emittedPerSecond),
        int(run.received),
        int(run.lost) + (run.leftOnDisk > 0 ? ` (${int(run.leftOnDisk)} left on disk)` : ''),
        dropped(run.reportedDropped),
        int(run.deliveredPerSecond),
        ratio(ratioToStock),
        run.cpuSecondsPer100k.toFixed(2),
        run.mainThreadCpuSecondsPer100k.toFixed(2),
        `${run.loopP50Millis.toFixed(1)} / ${run.loopP99Millis.toFixed(1)}`,
        `${run.peakRssMiB.toFixed(0)} (${run.rssBeforeMiB.toFixed(0)})`,
      ]),
    ),
    '**Targets**',
    table(['target', 'measured', 'holds'], results.targets.map((t) => [t.target, t.measured, t.holds ? 'yes' : '**no**'])),
  ];
  return parts.join('\n\n') + '\n';
}
