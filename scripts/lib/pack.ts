// Packs every published package the way `pnpm publish` would (publishConfig applied,
// workspace:^ replaced by versions) and reads back what each tarball promises.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { publishedPackages, type Manifest, type WorkspacePackage } from './workspace.ts';

export interface Tarball {
  name: string;
  version: string;
  /** Absolute path of the .tgz. */
  file: string;
  sizeBytes: number;
  unpackedBytes: number;
  files: string[];
  manifest: Manifest;
}

/** pnpm as the running script was started by (`pnpm release:dry`), else the pinned one through npx. */
function pnpm(args: string[], cwd: string): string {
  const execPath = process.env['npm_execpath'];
  // pnpm ships as a native executable; older ones as a script that node runs.
  const [command, prefix]: [string, string[]] = execPath === undefined || !/pnpm/.test(execPath)
    ? ['npx', ['-y', 'pnpm@12.4.2']]
    : /\.[cm]?js$/.test(execPath) ? [process.execPath, [execPath]] : [execPath, []];
  return execFileSync(command, [...prefix, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

export function packPackage(p: WorkspacePackage, destination: string): Tarball {
  const out = pnpm(['pack', '--pack-destination', destination, '--json'], p.dir);
  const packed = JSON.parse(out.slice(out.indexOf('{'))) as { name: string; version: string; filename: string };
  const entries = untar(gunzipSync(readFileSync(packed.filename)));
  const manifestEntry = entries.get('package/package.json');
  if (manifestEntry === undefined) throw new Error(`${packed.filename}: no package.json`);
  return {
    name: packed.name,
    version: packed.version,
    file: packed.filename,
    sizeBytes: statSync(packed.filename).size,
    unpackedBytes: [...entries.values()].reduce((sum, data) => sum + data.length, 0),
    files: [...entries.keys()].map((path) => path.replace(/^package\//, '')),
    manifest: JSON.parse(manifestEntry.toString('utf8')) as Manifest,
  };
}

export function packAll(destination: string): Tarball[] {
  return publishedPackages().map((p) => packPackage(p, destination));
}

/** The regular files of a tar archive (ustar, as npm and pnpm write it), by path. */
function untar(archive: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (let offset = 0; offset + 512 <= archive.length;) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const path = prefix === '' ? field(0, 100) : `${prefix}/${field(0, 100)}`;
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    if (type === '0' || type === '') files.set(path, archive.subarray(offset + 512, offset + 512 + size));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** Every path a tarball's manifest gives as an entry point: exports targets, bin, main, types. */
export function entryPoints(manifest: Manifest): string[] {
  const targets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect(manifest.exports);
  collect(manifest.bin);
  collect(manifest['main']);
  collect(manifest['types']);
  return targets;
}

/** What is wrong with what a tarball promises: TypeScript sources as entry points, missing files. */
export function tarballProblems(tarball: Tarball): string[] {
  const problems: string[] = [];
  for (const target of entryPoints(tarball.manifest)) {
    const path = target.replace(/^\.\//, '');
    if (/\.[cm]?ts$/.test(path) && !/\.d\.[cm]?ts$/.test(path)) problems.push(`entry point ${target} is TypeScript source`);
    if (!path.includes('*') && !tarball.files.includes(path)) problems.push(`entry point ${target} is not in the tarball`);
  }
  for (const [key, target] of Object.entries(tarball.manifest.exports ?? {})) {
    const conditions = target !== null && typeof target === 'object' ? Object.entries(target as Record<string, string>) : [];
    const scripts = typeof target === 'string' ? /\.[cm]?js$/.test(target) : conditions.some(([, path]) => /\.[cm]?js$/.test(path));
    if (scripts && (conditions[0]?.[0] !== 'types' || !/\.d\.[cm]?ts$/.test(conditions[0][1]))) {
      problems.push(`export ${key} does not name its declarations first (a "types" condition)`);
    }
  }
  for (const file of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json']) {
    if (!tarball.files.includes(file)) problems.push(`no ${file} in the tarball`);
  }
  if (/workspace:/.test(JSON.stringify(tarball.manifest))) problems.push('a workspace: range was left in the manifest');
  return problems;
}
