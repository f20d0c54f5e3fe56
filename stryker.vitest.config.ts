import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const MUTATED = ['redact', 'severity'];

/*
 * The tests `pnpm mutate` runs against each mutant: those of the packages it mutates. Stryker runs
 * them in a sandbox copy that links the root node_modules but not the packages' own (pnpm's
 * symlinks are not copied), so the packages' dependencies resolve to the checkout the sandbox was
 * made from, found through that link.
 */
const checkout = resolve(realpathSync('node_modules'), '..');
const alias: { find: RegExp; replacement: string }[] = [];
for (const name of MUTATED) {
  const modules = join(checkout, 'packages', name, 'node_modules');
  if (!existsSync(modules)) continue;
  for (const entry of readdirSync(modules)) {
    const packages = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((scoped) => `${entry}/${scoped}`) : [entry];
    for (const dependency of packages) {
      if (dependency.startsWith('.') || alias.some((a) => a.find.source === `^${dependency.replace('/', '\\/')}$`)) continue;
      alias.push({ find: new RegExp(`^${dependency.replace('/', '\\/')}$`), replacement: realpathSync(join(modules, dependency)) });
    }
  }
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: MUTATED.map((name) => ({
      resolve: { alias },
      test: { name, root: `packages/${name}`, include: ['test/**/*.test.ts'] },
    })),
  },
});
