import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import type { LineWriter } from './line-sink.ts';

export interface RotatingFileOptions {
  path: string;
  /** The active file is rotated before a write would take it past this size (a file holds at least one write). */
  maxFileBytes: number;
  /** Rotated files kept (`path.1` the newest … `path.N`); older ones are deleted. */
  maxFiles: number;
}

/**
 * Appends to `path`, rotating by size: `path` → `path.1` → … → `path.<maxFiles>`, the oldest
 * deleted. After an I/O error the file is reopened on the next write, so a disk that fills and
 * frees again costs only the batches written meanwhile.
 */
export class RotatingFile implements LineWriter {
  readonly #options: RotatingFileOptions;
  #handle: FileHandle | undefined;
  #size = 0;
  #dirty = false;

  constructor(options: RotatingFileOptions) {
    this.#options = options;
  }

  async write(data: string | Uint8Array): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    try {
      if (this.#size > 0 && this.#size + bytes.byteLength > this.#options.maxFileBytes) await this.#rotate();
      const handle = this.#handle ?? (await this.#open());
      await handle.write(bytes);
      this.#size += bytes.byteLength;
      this.#dirty = true;
    } catch (error) {
      await this.#drop();
      throw error;
    }
  }

  async sync(): Promise<void> {
    if (this.#handle === undefined || !this.#dirty) return;
    this.#dirty = false;
    await this.#handle.sync();
  }

  async close(): Promise<void> {
    await this.#drop();
  }

  async #open(): Promise<FileHandle> {
    const handle = await open(this.#options.path, 'a');
    this.#size = (await handle.stat()).size;
    this.#handle = handle;
    return handle;
  }

  async #rotate(): Promise<void> {
    await this.sync();
    await this.#drop();
    const { path, maxFiles } = this.#options;
    await rm(`${path}.${maxFiles}`, { force: true });
    for (let n = maxFiles - 1; n >= 1; n--) await rename(`${path}.${n}`, `${path}.${n + 1}`).catch(ignoreMissing);
    await rename(path, `${path}.1`).catch(ignoreMissing);
    this.#size = 0;
  }

  async #drop(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close().catch(() => {});
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}
