import { afterAll, beforeAll, describe, it } from 'vitest';
import { FUZZ_TARGETS, fuzzParameters, muteErrorReports } from './fuzz/targets.ts';
import { expectNoPrototypePollution } from './support/checks.ts';

// FUZZ_SEED and FUZZ_RUNS replay or deepen a run; scripts/fuzz-long.ts runs these with random seeds.
const parameters = fuzzParameters();

beforeAll(muteErrorReports);
afterAll(() => expectNoPrototypePollution());

describe(`fuzzing with fast-check (seed ${parameters.seed}, ${parameters.numRuns} runs each)`, { timeout: 60_000 }, () => {
  // fc.assert throws with the counterexample, the seed and the path to replay it.
  for (const target of FUZZ_TARGETS) {
    it(target.name, async () => {
      await target.run(parameters);
    });
  }
});
