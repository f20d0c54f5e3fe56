import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import type { DurableFs } from './durable-fs.ts';

/** Directories held by sinks of this process. */
const held = new Set<string>();

/** Generation 0 is `lock` (as earlier versions named it), then `lock.1`, `lock.2`, … */
const LOCK = /^lock(?:\.(\d+))?$/;
const RELEASED = 'released';
/** Claims lost to other processes before giving up: each loss means another process made progress. */
const MAX_ATTEMPTS = 8;

/** The directory is held by a live owner: a set-up error, unlike an I/O failure. */
export class DirInUseError extends Error {}

/**
 * Claims `dir` for this process, so that two processes never write one queue. Locks are numbered
 * generations; a claim publishes a complete file under the next number with link(),
 * which fails when the name exists, so of two processes taking over the same stale lock exactly
 * one gets it and the other then sees a live owner. A lock is stale when its owner's pid is gone
 * or it was released; the current and the previous generation are kept so that a directory
 * listing racing a takeover always shows a number that is taken.
 */
export function lockDir(dir: string, fs: DurableFs): () => void {
  const absolute = resolve(dir);
  if (held.has(absolute)) throw new DirInUseError(`otlpSink: durable.dir ${dir} is already used by another sink of this process`);
  fs.mkdirSync(dir, { recursive: true });
  const path = claim(dir, fs);
  held.add(absolute);
  return () => {
    held.delete(absolute);
    release(dir, path, fs);
  };
}

function claim(dir: string, fs: DurableFs): string {
  const token = `${process.pid} ${randomBytes(8).toString('hex')}`;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const latest = latestGeneration(dir, fs);
    if (latest !== undefined) {
      const owner = readOwner(lockPath(dir, latest), fs);
      if (owner === 'gone') continue;
      if (owner !== 'stale') throw new DirInUseError(`otlpSink: durable.dir ${dir} is in use by process ${owner}`);
    }
    const generation = (latest ?? -1) + 1;
    const path = lockPath(dir, generation);
    if (publish(dir, path, token, fs)) {
      for (const older of generations(dir, fs)) if (older < generation - 1) removeQuietly(lockPath(dir, older), fs);
      return path;
    }
  }
  throw new DirInUseError(`otlpSink: durable.dir ${dir} could not be locked: other processes keep claiming it`);
}

function lockPath(dir: string, generation: number): string {
  return join(dir, generation === 0 ? 'lock' : `lock.${generation}`);
}

function generations(dir: string, fs: DurableFs): number[] {
  return fs.readdirSync(dir).flatMap((name) => {
    const match = LOCK.exec(name);
    return match === null ? [] : [Number(match[1] ?? 0)];
  });
}

function latestGeneration(dir: string, fs: DurableFs): number | undefined {
  const all = generations(dir, fs);
  return all.length === 0 ? undefined : Math.max(...all);
}

/** The live owner's pid, 'stale' when it may be taken over, 'gone' when it vanished meanwhile. */
function readOwner(path: string, fs: DurableFs): number | 'stale' | 'gone' {
  let content: string;
  try {
    content = fs.readFileSync(path).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  if (content === RELEASED) return 'stale';
  const pid = Number(content.split(' ')[0]);
  // Our own pid: a sink of this process that released the dir (a held one was refused above).
  return pid !== process.pid && isAlive(pid) ? pid : 'stale';
}

/** Writes the claim beside, then links it to `path`: it appears whole, or not at all when taken. */
function publish(dir: string, path: string, token: string, fs: DurableFs): boolean {
  const temp = join(dir, `lock.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  fs.writeFileSync(temp, token, { flag: 'wx' });
  try {
    fs.linkSync(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    removeQuietly(temp, fs);
  }
}

/** Marks the lock released in one rename, so that a process reading it sees the owner or 'released'. */
function release(dir: string, path: string, fs: DurableFs): void {
  const temp = join(dir, `lock.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    fs.writeFileSync(temp, RELEASED, { flag: 'wx' });
    fs.renameSync(temp, path);
  } catch {
    // The process is exiting or the disk refuses: the pid check finds the lock stale once we are gone.
    removeQuietly(temp, fs);
  }
}

function removeQuietly(path: string, fs: DurableFs): void {
  try {
    fs.unlinkSync(path);
  } catch {
    // Already gone, or the disk refuses: a leftover file holds no claim.
  }
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
