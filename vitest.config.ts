import { existsSync, readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// One project per package (and one for the cross-package tests), found on disk so a new
// package is tested without touching this file.
const packages = readdirSync('packages').filter((name) => existsSync(`packages/${name}/test`));

export default defineConfig({
  test: {
    // The JSON report is what .ci/run counts; the default reporter is for people.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
    projects: [
      ...packages.map((name) => ({
        test: {
          name,
          root: `packages/${name}`,
          include: ['test/**/*.test.ts'],
          // What a package's tests need on the machine (dev: Chromium), made sure of before they run.
          ...(existsSync(`packages/${name}/test/global-setup.ts`) ? { globalSetup: ['test/global-setup.ts'] } : {}),
        },
      })),
      { test: { name: 'e2e', root: 'test', include: ['**/*.test.ts'] } },
      { test: { name: 'examples', root: 'examples', include: ['*/test/**/*.test.ts'] } },
      // A smoke run of the benchmarks with tiny counts; the real runs are `pnpm bench`.
      { test: { name: 'bench', root: 'bench', include: ['test/**/*.test.ts'] } },
    ],
  },
});
