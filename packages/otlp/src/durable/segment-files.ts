import { readdir, rename, writeFile, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const SEGMENT = /^(\d{10})\.wal$/;

export function segmentPath(dir: string, segment: number): string {
  return join(dir, `${String(segment).padStart(10, '0')}.wal`);
}

/** Segment numbers present in `dir`, oldest first. */
export async function listSegments(dir: string): Promise<number[]> {
  const names = await readdir(dir);
  return names.flatMap((name) => {
    const match = SEGMENT.exec(name);
    return match === null ? [] : [Number(match[1])];
  }).sort((a, b) => a - b);
}

/** Where the sender got to: every entry before this position was accepted or given up on. */
export interface Cursor {
  segment: number;
  offset: number;
}

const CURSOR = 'cursor.json';

export async function readCursor(dir: string): Promise<Cursor> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, CURSOR), 'utf8')) as Partial<Cursor>;
    if (Number.isInteger(parsed.segment) && Number.isInteger(parsed.offset)) {
      return { segment: parsed.segment!, offset: parsed.offset! };
    }
  } catch {
    // No cursor yet, or a cursor torn by a crash: start from the oldest segment (at-least-once).
  }
  return { segment: 0, offset: 0 };
}

/** Replaces the cursor atomically: written beside it, synced, then renamed over it. */
export async function writeCursor(dir: string, cursor: Cursor, sync: boolean): Promise<void> {
  const temp = join(dir, `${CURSOR}.tmp`);
  if (sync) {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(JSON.stringify(cursor));
      await handle.datasync();
    } finally {
      await handle.close();
    }
  } else {
    await writeFile(temp, JSON.stringify(cursor));
  }
  await rename(temp, join(dir, CURSOR));
}
