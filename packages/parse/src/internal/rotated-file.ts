import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Where a file read under `path` went while the shipper was down: a file beside it whose name
 * starts with the same name (`app.log.1`, `app.log-20240501`) and that has the same device and
 * inode. Compressed copies are new files and are not found.
 */
export async function findRotatedFile(path: string, dev: string, ino: string): Promise<string | undefined> {
  const directory = dirname(path);
  const name = basename(path);
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return undefined;
  }
  for (const candidate of names) {
    if (candidate === name || !candidate.startsWith(name)) continue;
    const file = join(directory, candidate);
    const found = await stat(file, { bigint: true }).catch(() => undefined);
    if (found !== undefined && String(found.dev) === dev && String(found.ino) === ino) return file;
  }
  return undefined;
}
