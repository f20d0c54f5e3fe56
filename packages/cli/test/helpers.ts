import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/logweave.ts', import.meta.url));

/** Steps run after each test, last first. */
export const cleanup: (() => Promise<unknown>)[] = [];

export async function runCleanup(): Promise<void> {
  for (const step of cleanup.splice(0).reverse()) await step();
}

/** A fresh directory for one test's files, removed after the test. */
export async function tempDirectory(): Promise<(name: string) => string> {
  const directory = await mkdtemp(join(tmpdir(), 'logweave-cli-'));
  cleanup.push(() => rm(directory, { recursive: true, force: true }));
  return (name) => join(directory, name);
}

export interface Run {
  child: ChildProcess;
  /** [exit code, signal] */
  exit: Promise<unknown[]>;
  stdout: () => string;
  stderr: () => string;
}

/** `logweave <args>` in a child process (stdout and stderr are pipes, not terminals); killed after the test. */
export function logweave(args: string[]): Run {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = once(child, 'exit');
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exit;
  });
  return { child, exit, stdout: () => stdout, stderr: () => stderr };
}

/** Resolves once `check` returns true; rejects naming `what` after `timeoutMillis`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMillis = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `count` logfmt lines numbered from `from`, each ending with a newline. */
export function numberedLines(from: number, count: number, prefix = 'order'): string {
  let text = '';
  for (let i = from; i < from + count; i++) text += `level=info msg="${prefix} ${i}" seq=${i}\n`;
  return text;
}

/** The offset a checkpoint file holds for its first file; -1 while there is none. */
export async function checkpointOffset(file: string): Promise<number> {
  try {
    const saved = JSON.parse(await readFile(file, 'utf8')) as { files: { offset: number }[] };
    return saved.files[0]?.offset ?? -1;
  } catch {
    return -1;
  }
}
