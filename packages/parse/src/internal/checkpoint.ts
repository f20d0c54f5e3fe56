import { open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where reading of one file stands: the file by device and inode, and the offset of the first line not yet delivered. */
export interface CheckpointEntry {
  /** The path it is tailed under (a rotated file keeps the path it was read from). */
  path: string;
  dev: string;
  ino: string;
  offset: number;
}

const VERSION = 1;

/** The entries of a checkpoint file; undefined when there is none (a first run). Throws when it cannot be read. */
export async function readCheckpoint(file: string): Promise<CheckpointEntry[] | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const data = JSON.parse(text) as { version?: unknown; files?: unknown };
  if (data.version !== VERSION || !Array.isArray(data.files)) throw new Error(`${file} is not a logweave checkpoint (version ${VERSION})`);
  return data.files.filter(isEntry);
}

function isEntry(value: unknown): value is CheckpointEntry {
  const e = value as Partial<CheckpointEntry> | null;
  return e !== null && typeof e === 'object' && typeof e.path === 'string' && typeof e.dev === 'string' &&
    typeof e.ino === 'string' && Number.isSafeInteger(e.offset) && (e.offset as number) >= 0;
}

/**
 * Replaces the checkpoint atomically: the entries go to a temporary file that is synced, then
 * renamed over the checkpoint, then the directory is synced so that the rename survives a crash.
 * A reader sees the old checkpoint or the new one, never a mix.
 */
export async function writeCheckpoint(file: string, entries: readonly CheckpointEntry[]): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${JSON.stringify({ version: VERSION, files: entries })}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  await syncDirectory(dirname(file));
}

async function syncDirectory(directory: string): Promise<void> {
  let handle;
  try {
    handle = await open(directory, 'r');
    await handle.sync();
  } catch {
    // Not every platform can fsync a directory (Windows); the rename itself is still atomic.
  } finally {
    await handle?.close();
  }
}
