import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Directories held by sinks of this process. */
const held = new Set<string>();

/**
 * Claims `dir` for this process with a lock file holding its pid, so that two processes never
 * write one queue. A lock left by a process that is gone is taken over.
 */
export function lockDir(dir: string): () => void {
  const absolute = resolve(dir);
  if (held.has(absolute)) throw new Error(`otlpSink: durable.dir ${dir} is already used by another sink of this process`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'lock');
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(path, 'utf8'));
    if (owner !== process.pid && isAlive(owner)) {
      throw new Error(`otlpSink: durable.dir ${dir} is in use by process ${owner}`);
    }
    writeFileSync(path, String(process.pid));
  }
  held.add(absolute);
  return () => {
    held.delete(absolute);
    try {
      unlinkSync(path);
    } catch {
      // Already gone: nothing to release.
    }
  };
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
