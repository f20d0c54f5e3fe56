import { stat } from 'node:fs/promises';
import type { CheckpointEntry } from './checkpoint.ts';
import { FileTail, type TailHost } from './file-tail.ts';
import { findRotatedFile } from './rotated-file.ts';

/**
 * One path being shipped: the file now at that path, and the files that were there before and
 * are still being read to their end after a rename or a deletion.
 */
export class FileSlot {
  readonly path: string;
  current: FileTail | undefined;
  readonly rotated: FileTail[] = [];
  readonly #host: TailHost;

  constructor(path: string, host: TailHost) {
    this.path = path;
    this.#host = host;
  }

  /**
   * Opens the file at the offset the checkpoint gives for its device and inode, and the files
   * the checkpoint knows that were rotated away meanwhile at theirs. A file the checkpoint does
   * not know starts at 0, or, on a first run (no checkpoint) with `startAtEnd`, at its end.
   */
  async resume(entries: readonly CheckpointEntry[] | undefined, startAtEnd: boolean): Promise<void> {
    await this.close();
    this.current = undefined;
    this.rotated.length = 0;
    const known = entries?.filter((entry) => entry.path === this.path) ?? [];
    const firstRun = entries === undefined;
    this.current = await FileTail.open(this.path, this.path, this.#host, (size, dev, ino) => {
      const entry = known.find((e) => e.dev === String(dev) && e.ino === String(ino));
      if (entry !== undefined) return entry.offset <= size ? entry.offset : 0;
      return firstRun && startAtEnd ? size : 0;
    });
    for (const entry of known) {
      if (this.current !== undefined && entry.dev === String(this.current.dev) && entry.ino === String(this.current.ino)) continue;
      const file = await findRotatedFile(this.path, entry.dev, entry.ino);
      if (file === undefined) continue;
      const tail = await FileTail.open(this.path, file, this.#host, (size) => Math.min(entry.offset, size));
      if (tail !== undefined) this.rotated.push(tail);
    }
  }

  /**
   * Looks at what is at the path now: another file (renamed or deleted, then maybe recreated)
   * sends the current one to `rotated`; a file shorter than what was read was truncated.
   */
  async followRotation(): Promise<'rotations' | 'truncations' | undefined> {
    const found = await stat(this.path, { bigint: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    let change: 'rotations' | 'truncations' | undefined;
    const current = this.current;
    if (current !== undefined && (found === undefined || found.ino !== current.ino || found.dev !== current.dev)) {
      current.lastGrowthAt = Date.now();
      this.rotated.push(current);
      this.current = undefined;
      change = 'rotations';
    } else if (current !== undefined && found !== undefined && Number(found.size) < current.position) {
      current.restart();
      change = 'truncations';
    }
    if (this.current !== undefined && found !== undefined) this.current.size = Number(found.size);
    if (this.current === undefined && found !== undefined) {
      this.current = await FileTail.open(this.path, this.path, this.#host, () => 0);
    }
    return change;
  }

  /** A rotated file quiet for long enough: its last line, even without a newline, is sent, and it is closed. */
  async finishRotated(tail: FileTail): Promise<void> {
    tail.flushPartialLine();
    this.rotated.splice(this.rotated.indexOf(tail), 1);
    await tail.close();
  }

  checkpoint(): CheckpointEntry[] {
    return this.#tails().map((tail) => tail.checkpoint());
  }

  /** Bytes in this path's files past the offsets in `acknowledged` (a file it does not know counts from 0). */
  lagBytes(acknowledged: readonly CheckpointEntry[]): number {
    let lag = 0;
    for (const tail of this.#tails()) {
      const entry = acknowledged.find((e) => e.path === this.path && e.dev === String(tail.dev) && e.ino === String(tail.ino));
      lag += Math.max(0, tail.size - (entry?.offset ?? 0));
    }
    return lag;
  }

  #tails(): FileTail[] {
    return this.current === undefined ? this.rotated : [...this.rotated, this.current];
  }

  async close(): Promise<void> {
    await Promise.all(this.#tails().map((tail) => tail.close()));
  }
}
