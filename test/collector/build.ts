/**
 * Builds the pinned OpenTelemetry Collector of test/collector/otelcol once into test/collector/.bin/.
 * The binary is rebuilt only when go.mod, go.sum, main.go or the Go version change; the Go build
 * cache makes a rebuild after that cheap. Without Go this fails with a message, never a skip:
 * the interop suite is the proof that what logweave sends is what a Collector receives.
 *
 * As a script: `node test/collector/build.ts` prints the binary's path.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const moduleDir = join(here, 'otelcol');
const binDir = join(here, '.bin');
export const collectorBinary = join(binDir, 'otelcol-logweave');
const stampFile = `${collectorBinary}.stamp`;
const lockDir = join(binDir, '.lock');
/** A lock without a builder's pid this long after it was taken belongs to a builder that died at once. */
const orphanLockMillis = 60_000;
/** Where the Go distribution is installed on the project's machines when it is not on PATH. */
const fallbackGo = '/usr/local/go/bin/go';

/** Returns the path of an up-to-date Collector binary, building it first when needed. */
export async function buildCollector(): Promise<string> {
  const go = findGo();
  const stamp = sourceStamp(go);
  if (isCurrent(stamp)) return collectorBinary;
  mkdirSync(binDir, { recursive: true });
  // Test files run in parallel workers: one builds, the others wait for it.
  while (!tryLock()) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (isCurrent(stamp)) return collectorBinary;
  }
  try {
    if (!isCurrent(stamp)) await compile(go, stamp);
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
  return collectorBinary;
}

function findGo(): string {
  for (const candidate of ['go', fallbackGo]) {
    const probe = spawnSync(candidate, ['version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  throw new Error(
    'test/collector: the Go toolchain (go 1.26 or newer) is needed to build the OpenTelemetry Collector ' +
      `the interop tests run, and neither \`go\` on PATH nor ${fallbackGo} was found. Install Go, then run ` +
      '`node test/collector/build.ts`.',
  );
}

function sourceStamp(go: string): string {
  const hash = createHash('sha256');
  for (const file of ['go.mod', 'go.sum', 'main.go']) hash.update(readFileSync(join(moduleDir, file)));
  hash.update(spawnSync(go, ['version'], { encoding: 'utf8' }).stdout);
  return hash.digest('hex');
}

function isCurrent(stamp: string): boolean {
  return existsSync(collectorBinary) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp;
}

function tryLock(): boolean {
  try {
    mkdirSync(lockDir);
    writeFileSync(join(lockDir, 'pid'), String(process.pid));
    return true;
  } catch {
    try {
      if (lockIsStale()) rmSync(lockDir, { recursive: true, force: true });
    } catch {
      // released while we looked: the next try takes it
    }
    return false;
  }
}

/** A lock whose builder has exited (an interrupted run), or that never got its pid written. */
function lockIsStale(): boolean {
  const pidFile = join(lockDir, 'pid');
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
  if (pid > 0) {
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  const lock = statSync(lockDir, { throwIfNoEntry: false });
  return lock !== undefined && Date.now() - lock.mtimeMs > orphanLockMillis;
}

async function compile(go: string, stamp: string): Promise<void> {
  const partial = `${collectorBinary}.partial`;
  const started = Date.now();
  // -mod=readonly: go.sum is committed; a build that wanted to change it is a mistake to see.
  const build = spawn(go, ['build', '-mod=readonly', '-trimpath', '-buildvcs=false', '-o', partial, '.'], {
    cwd: moduleDir,
    env: goEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  build.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  build.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = (await once(build, 'close')) as [number | null];
  if (code !== 0) throw new Error(`test/collector: \`go build\` of the Collector failed (exit ${code}):\n${output}`);
  renameSync(partial, collectorBinary);
  writeFileSync(stampFile, stamp);
  process.stderr.write(`test/collector: built the Collector in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Go keeps its caches under $HOME; an environment without one (some CI runners) gets them here. */
function goEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (env['HOME'] === undefined) {
    env['GOCACHE'] ??= join(binDir, 'go-build');
    env['GOPATH'] ??= join(binDir, 'go');
  }
  return env;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await buildCollector());
