import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory for one test's files, removed by the returned cleanup. */
export async function tempDirectory(): Promise<{ path: (name: string) => string; remove: () => Promise<void> }> {
  const directory = await mkdtemp(join(tmpdir(), 'logweave-parse-'));
  return { path: (name) => join(directory, name), remove: () => rm(directory, { recursive: true, force: true }) };
}

/** Resolves once `check` returns true; rejects with `what` after `timeoutMillis`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMillis = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** `count` logfmt lines numbered from `from`, each ending with a newline. */
export function numberedLines(from: number, count: number, prefix = 'order'): string {
  let text = '';
  for (let i = from; i < from + count; i++) text += `level=info msg="${prefix} ${i}" seq=${i}\n`;
  return text;
}
