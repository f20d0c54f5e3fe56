import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DurableFs } from './durable-fs.ts';

const SEGMENT = /^(\d{10})\.wal$/;
const CURSOR = 'cursor.json';
/** A cursor's temporary file: named with its owner's pid and a random part, so owners never share one. */
const CURSOR_TEMP = /^cursor\.json\..*\.tmp$/;

export function segmentPath(dir: string, segment: number): string {
  return join(dir, `${String(segment).padStart(10, '0')}.wal`);
}

/** Segment numbers present in `dir`, oldest first. */
export function listSegments(names: readonly string[]): number[] {
  return names.flatMap((name) => {
    const match = SEGMENT.exec(name);
    return match === null ? [] : [Number(match[1])];
  }).sort((a, b) => a - b);
}

/** Cursor files a previous owner left half written (the lock is held: none of them is in use). */
export function leftoverCursorTemps(names: readonly string[]): string[] {
  return names.filter((name) => CURSOR_TEMP.test(name));
}

/** Where the sender got to: every entry before this position was accepted or given up on. */
export interface Cursor {
  segment: number;
  offset: number;
}

export function readCursor(fs: DurableFs, dir: string): Cursor {
  try {
    const parsed = JSON.parse(fs.readFileSync(join(dir, CURSOR)).toString('utf8')) as Partial<Cursor>;
    if (Number.isInteger(parsed.segment) && Number.isInteger(parsed.offset)) {
      return { segment: parsed.segment!, offset: parsed.offset! };
    }
  } catch {
    // No cursor yet, or one torn by a crash: start from the oldest segment (at-least-once).
  }
  return { segment: 0, offset: 0 };
}

/** Writes the cursor atomically (beside it under this owner's own temporary name, then renamed over it). */
export class CursorWriter {
  readonly #fs: DurableFs;
  readonly #path: string;
  readonly #temp: string;

  constructor(fs: DurableFs, dir: string) {
    this.#fs = fs;
    this.#path = join(dir, CURSOR);
    this.#temp = join(dir, `${CURSOR}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  }

  async write(cursor: Cursor, sync: boolean): Promise<void> {
    const text = JSON.stringify(cursor);
    if (sync) {
      const handle = await this.#fs.open(this.#temp, 'w');
      try {
        await handle.writeFile(text);
        await handle.datasync();
      } finally {
        await handle.close();
      }
    } else {
      await this.#fs.writeFile(this.#temp, text);
    }
    await this.#fs.rename(this.#temp, this.#path);
  }
}
