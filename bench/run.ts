/**
 * logweave benchmarks: `pnpm bench` (or `node bench/run.ts [--quick] [--runs N]`). Prints a
 * markdown table and writes it, with every run's numbers, to bench/results/latest.{md,json}.
 * Each group of rows is measured in one run with its baseline: the micro rows and the encoders
 * each in one process with interleaved runs, the end-to-end pipelines interleaved in turn.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './src/child.ts';
import { parseOptions, UsageError } from './src/cli.ts';
import { runEndToEnd } from './src/e2e-runner.ts';
import type { EncodingInput, EncodingRow } from './src/encoding.ts';
import { describeMachine } from './src/machine.ts';
import { renderMarkdown } from './src/markdown.ts';
import type { CompressionInput, CompressionRow } from './src/compression.ts';
import type { MicroInput, MicroOutput } from './src/micro.ts';
import { buildResults } from './src/results.ts';

const progress = (line: string): void => void process.stderr.write(`bench: ${line}\n`);

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), fileURLToPath(new URL('./results/', import.meta.url)));
  const machine = describeMachine();
  progress(`micro rows: ${options.microRecords} records × ${options.runs} runs`);
  const micro = await runChild<MicroOutput>(new URL('./src/micro.ts', import.meta.url), {
    recordsPerRun: options.microRecords,
    runs: options.runs,
    warmupRuns: options.warmupRuns,
  } satisfies MicroInput);
  progress(`encoding rows: ${options.encodingRecords} records × ${options.runs} runs`);
  const encoding = await runChild<EncodingRow[]>(new URL('./src/encoding.ts', import.meta.url), {
    records: options.encodingRecords,
    runs: options.runs,
    warmupRuns: options.warmupRuns + 1,
  } satisfies EncodingInput);
  progress(`compression rows: ${options.encodingRecords} records × ${options.runs} runs`);
  const compression = await runChild<CompressionRow[]>(new URL('./src/compression.ts', import.meta.url), {
    records: options.encodingRecords,
    runs: options.runs,
    warmupRuns: options.warmupRuns + 1,
  } satisfies CompressionInput);
  progress(`end-to-end rows: ${options.e2e.records} records at ${options.e2e.ratesPerSec.join(', ')}/s × ${options.e2e.runs} runs`);
  const e2e = await runEndToEnd(options.e2e, progress);
  const results = buildResults(machine, options, micro, encoding, compression, e2e);
  const markdown = renderMarkdown(results);
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(join(options.outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(options.outDir, 'latest.md'), markdown);
  process.stdout.write(markdown);
  progress(`written to ${join(options.outDir, 'latest.json')} and latest.md`);
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(error.message);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
});
