import { existsSync, realpathSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/** The projects whose tests run against each mutant: `MUTATE_PROJECTS=router` narrows a run to one. */
const MUTATED = process.env.MUTATE_PROJECTS?.split(',') ?? ['router', 'otlp'];

/*
 * The tests `pnpm mutate:delivery` runs against the delivery mutants: those of router and otlp.
 * Stryker copies the packages into a sandbox without their own node_modules (only the root one
 * is linked), so those of the packages the tests use are linked back to the checkout's: the
 * tests, and the fixtures some start as child processes, resolve dependencies as in the repo.
 */
const checkout = resolve(realpathSync('node_modules'), '..');
if (checkout !== resolve('.')) {
  // core: the otlp tests read metrics with core's test reader.
  for (const name of [...MUTATED, 'core']) {
    const modules = join('packages', name, 'node_modules');
    if (!existsSync(modules)) symlinkSync(join(checkout, modules), modules, 'dir');
  }
}

/*
 * Left out of mutation runs: the tests whose pipeline runs in child processes that are SIGKILLed
 * and restarted, or fill a tmpfs. A mutant is active only in the test process, so these cannot
 * kill one, and each costs tens of seconds per mutant it covers.
 */
const CHILD_PROCESS_TESTS = ['test/durable-composite.test.ts', 'test/durable-disk-faults.test.ts'];

/**
 * `MUTATE_TESTS=test/a.test.ts,test/b.test.ts` runs only those test files: on a loaded machine the
 * retry loop, which every sink test goes through, is otherwise mutated for many minutes.
 */
const include = process.env.MUTATE_TESTS?.split(',') ?? ['test/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: MUTATED.map((name) => ({
      test: { name, root: `packages/${name}`, include, exclude: CHILD_PROCESS_TESTS },
    })),
  },
});
