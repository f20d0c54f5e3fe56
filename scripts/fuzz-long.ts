// Runs the fuzz properties of test/reliability (parsers, severity, redaction end to end) with many
// more runs than CI and a random seed per property, printed so that a failure can be replayed:
//
//   npx -y pnpm@12.4.2 exec node scripts/fuzz-long.ts
//   FUZZ_RUNS=100000 npx -y pnpm@12.4.2 exec node scripts/fuzz-long.ts redaction
//   FUZZ_SEED=1234 FUZZ_RUNS=200 npx -y pnpm@12.4.2 vitest run --project e2e reliability/fuzz   (replay in CI form)
//
// Arguments filter the properties by a word of their name. Exits 1 when any property fails.
import { FUZZ_TARGETS, muteErrorReports } from '../test/reliability/fuzz/targets.ts';

const numRuns = Number(process.env['FUZZ_RUNS'] ?? 20_000);
const fixedSeed = process.env['FUZZ_SEED'];
const filters = process.argv.slice(2).map((word) => word.toLowerCase());

muteErrorReports();

const targets = FUZZ_TARGETS.filter(({ name }) => filters.length === 0 || filters.some((word) => name.toLowerCase().includes(word)));
let failed = 0;
for (const target of targets) {
  const seed = fixedSeed === undefined ? (Math.random() * 2 ** 31) | 0 : Number(fixedSeed);
  const started = Date.now();
  process.stdout.write(`${target.name}\n  seed ${seed}, ${numRuns} runs … `);
  try {
    await target.run({ seed, numRuns });
    process.stdout.write(`ok in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    failed++;
    process.stdout.write(`FAILED (replay with FUZZ_SEED=${seed})\n${(error as Error).message}\n\n`);
  }
}
process.stdout.write(`${targets.length - failed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 ? 0 : 1;
