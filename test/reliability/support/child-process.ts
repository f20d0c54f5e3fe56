import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** What the child wrote to stdout, line by line. */
  lines: string[];
  /** Milliseconds from spawn to exit. */
  millis: number;
}

/**
 * Runs `fixtures/<name>` in its own Node process (this one's binary, which strips TypeScript
 * types), with `env` added to the environment. `onLine` sees each stdout line as it arrives.
 */
export function runFixture(
  name: string,
  env: Record<string, string>,
  options: { nodeFlags?: string[]; onLine?: (line: string, child: ChildProcess) => void } = {},
): Promise<ChildResult> {
  const file = fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
  const started = Date.now();
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), file], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let pending = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      lines.push(line);
      options.onLine?.(line, child);
    }
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, lines, millis: Date.now() - started }));
  });
}

/** The last stdout line that parses as JSON. */
export function lastJson<T>(result: ChildResult): T {
  for (let i = result.lines.length - 1; i >= 0; i--) {
    const line = result.lines[i]!;
    if (line.startsWith('{')) return JSON.parse(line) as T;
  }
  throw new Error(`the child printed no JSON line (exit ${result.code ?? result.signal}): ${result.lines.join('\n')}`);
}
