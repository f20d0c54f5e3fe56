import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';

/**
 * The file system calls the durable queue makes, in one place: tests hand in a version that fails
 * (ENOSPC, EROFS, EIO) at any chosen call, to prove that no failure reaches the application.
 */
export interface DurableFs {
  mkdirSync(path: string, options: { recursive: true }): unknown;
  readdirSync(path: string): string[];
  readFileSync(path: string): Buffer;
  writeFileSync(path: string, data: string, options: { flag: 'wx' }): void;
  linkSync(existing: string, path: string): void;
  renameSync(from: string, to: string): void;
  unlinkSync(path: string): void;
  openSync(path: string, flags: 'r'): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  fstatSync(fd: number): { size: number; mtimeMs: number; birthtimeMs: number };
  closeSync(fd: number): void;
  truncateSync(path: string, length: number): void;
  open(path: string, flags: 'r' | 'w' | 'r+'): Promise<fsp.FileHandle>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export const nodeFs: DurableFs = {
  mkdirSync: (path, options) => fs.mkdirSync(path, options),
  readdirSync: (path) => fs.readdirSync(path),
  readFileSync: (path) => fs.readFileSync(path),
  writeFileSync: (path, data, options) => fs.writeFileSync(path, data, options),
  linkSync: (existing, path) => fs.linkSync(existing, path),
  renameSync: (from, to) => fs.renameSync(from, to),
  unlinkSync: (path) => fs.unlinkSync(path),
  openSync: (path, flags) => fs.openSync(path, flags),
  readSync: (fd, buffer, offset, length, position) => fs.readSync(fd, buffer, offset, length, position),
  fstatSync: (fd) => fs.fstatSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
  truncateSync: (path, length) => fs.truncateSync(path, length),
  open: (path, flags) => fsp.open(path, flags),
  writeFile: (path, data) => fsp.writeFile(path, data),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
};

const FULL = new Set(['ENOSPC', 'EDQUOT']);

/** What an I/O failure is reported as: the disk is full, or another I/O error. */
export function diskLossReason(error: unknown): 'disk-full' | 'io-error' {
  return FULL.has((error as NodeJS.ErrnoException | undefined)?.code ?? '') ? 'disk-full' : 'io-error';
}
