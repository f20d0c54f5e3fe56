// What a release would publish, checked without publishing: manifests, build, one tarball per
// published package, and on each tarball publint and Are the Types Wrong. Prints each tarball's
// name, version and size; exits 1 on any problem.
//
//   pnpm release:dry [--keep DIR]    (--keep leaves the tarballs in DIR)
//
// attw runs with the esm-only profile: the packages are ES modules by design (DESIGN.md,
// Compatibility); CommonJS users load them through require(esm), which attw's node10 and
// node16-from-CJS resolutions do not model.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BuildError, buildPackages } from './build.ts';
import { problemsOf } from './manifests.ts';
import { packAll, tarballProblems, type Tarball } from './lib/pack.ts';
import { publishedPackages, ROOT } from './lib/workspace.ts';

const run = promisify(execFile);
const bin = (name: string) => join(ROOT, 'node_modules', '.bin', name);

async function lint(tarball: Tarball): Promise<string[]> {
  const problems = tarballProblems(tarball);
  const checks: Array<[string, string[]]> = [
    ['publint', ['run', tarball.file, '--strict']],
    ['attw', [tarball.file, '--profile', 'esm-only', '--format', 'ascii', '--no-color', '--no-emoji']],
  ];
  for (const [tool, args] of checks) {
    try {
      await run(bin(tool), args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      problems.push(`${tool}:\n${`${stdout}${stderr}`.trim()}`);
    }
  }
  return problems;
}

/** Runs `task` over `items`, two at a time (CI machines have two cores). */
async function inPairs<T, R>(items: T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += 2) results.push(...(await Promise.all(items.slice(i, i + 2).map(task))));
  return results;
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function main(): Promise<number> {
  const keep = process.argv.indexOf('--keep');
  const destination = keep > 0 ? process.argv[keep + 1]! : mkdtempSync(join(tmpdir(), 'logweave-release-'));
  mkdirSync(destination, { recursive: true });
  let failures = 0;
  for (const p of publishedPackages()) {
    for (const problem of problemsOf(p)) {
      console.error(`${p.manifest.name}: ${problem}`);
      failures += 1;
    }
  }
  const versions = new Set(publishedPackages().map((p) => p.manifest.version));
  if (versions.size > 1) {
    console.error(`the packages are released at one version (.changeset/config.json fixed); found ${[...versions].join(', ')}`);
    failures += 1;
  }
  buildPackages();
  const tarballs = packAll(destination);
  const problems = await inPairs(tarballs, lint);
  console.log('\npackage                      version   tarball    unpacked   files');
  tarballs.forEach((t, i) => {
    console.log(`${t.name.padEnd(28)} ${t.version.padEnd(9)} ${kB(t.sizeBytes).padStart(9)} ${kB(t.unpackedBytes).padStart(10)} ${String(t.files.length).padStart(6)}`);
    for (const problem of problems[i]!) console.error(`  ✗ ${problem.replace(/\n/g, '\n    ')}`);
    failures += problems[i]!.length;
  });
  if (keep < 0) rmSync(destination, { recursive: true, force: true });
  console.log(failures === 0 ? `\n${tarballs.length} tarballs ok: publint and attw clean` : `\n${failures} problems`);
  return failures === 0 ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof BuildError)) throw error;
  console.error(error.message);
  process.exitCode = 1;
}
