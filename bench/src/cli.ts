/** What one bench invocation measures, from its command line. */
export interface BenchOptions {
  quick: boolean;
  /** Timed runs of each micro and encoding row (after warm-up runs). */
  runs: number;
  warmupRuns: number;
  microRecords: number;
  encodingRecords: number;
  /** End-to-end load: `records` offered at each of `ratesPerSec` in turn, in bursts of at most `burst`. */
  e2e: { records: number; ratesPerSec: number[]; burst: number; runs: number; instantBurstRecords: number };
  /** Where latest.json and latest.md are written. */
  outDir: string;
}

const USAGE = `usage: node bench/run.ts [--quick] [--runs N] [--e2e-runs N] [--e2e-records N] [--e2e-rates N,N] [--burst N] [--out DIR]
  --quick          tiny counts, for a smoke test (numbers are meaningless)
  --runs N         timed runs of each micro and encoding row (default 9, at least 7 for published numbers)
  --e2e-runs N     runs of each end-to-end pipeline (default 3)
  --e2e-records N  records offered per end-to-end run (default 200000)
  --e2e-rates N,N  offered records per second, one end-to-end table block per rate (default 50000,100000)
  --burst N        records of the instant-burst block, emitted in one synchronous loop (default 100000; 0: none)
  --out DIR        where latest.json and latest.md go (default bench/results)`;

export function parseOptions(argv: readonly string[], defaultOutDir: string): BenchOptions {
  const quick = argv.includes('--quick');
  const options: BenchOptions = quick
    ? { quick, runs: 3, warmupRuns: 1, microRecords: 20_000, encodingRecords: 500, e2e: { records: 5_000, ratesPerSec: [50_000], burst: 1_000, runs: 1, instantBurstRecords: 5_000 }, outDir: defaultOutDir }
    : { quick, runs: 9, warmupRuns: 2, microRecords: 50_000, encodingRecords: 10_000, e2e: { records: 200_000, ratesPerSec: [50_000, 100_000], burst: 1_000, runs: 3, instantBurstRecords: 100_000 }, outDir: defaultOutDir };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--quick') continue;
    if (flag === '--help' || flag === '-h') throw new UsageError(USAGE);
    const value = argv[++i];
    if (value === undefined) throw new UsageError(`${flag} needs a value\n${USAGE}`);
    if (flag === '--out') options.outDir = value;
    else if (flag === '--runs') options.runs = positiveInteger(flag, value);
    else if (flag === '--e2e-runs') options.e2e.runs = positiveInteger(flag, value);
    else if (flag === '--e2e-records') options.e2e.records = positiveInteger(flag, value);
    else if (flag === '--burst') options.e2e.instantBurstRecords = value === '0' ? 0 : positiveInteger(flag, value);
    else if (flag === '--e2e-rates') options.e2e.ratesPerSec = value.split(',').map((rate) => positiveInteger(flag, rate));
    else throw new UsageError(`unknown option ${flag}\n${USAGE}`);
  }
  return options;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function positiveInteger(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive integer; got ${value}`);
  return n;
}
