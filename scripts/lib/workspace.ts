// The published packages of the workspace, read from each packages/*/package.json, so that a new
// package is built, packed and checked without touching these scripts.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: Record<string, unknown>;
  bin?: Record<string, string>;
  publishConfig?: { access?: string; types?: string; exports?: Record<string, unknown>; bin?: Record<string, string> };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  [field: string]: unknown;
}

export interface WorkspacePackage {
  /** Folder name under packages/, e.g. `core`. */
  folder: string;
  dir: string;
  manifest: Manifest;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Every non-private package under packages/, dependencies before their dependents. */
export function publishedPackages(): WorkspacePackage[] {
  const all = readdirSync(join(ROOT, 'packages'))
    .map((folder) => ({ folder, dir: join(ROOT, 'packages', folder) }))
    .filter(({ dir }) => existsSync(join(dir, 'package.json')))
    .map(({ folder, dir }) => ({ folder, dir, manifest: readManifest(dir) }))
    .filter(({ manifest }) => manifest.private !== true);
  return topological(all);
}

function topological(packages: WorkspacePackage[]): WorkspacePackage[] {
  const byName = new Map(packages.map((p) => [p.manifest.name, p]));
  const ordered: WorkspacePackage[] = [];
  const seen = new Set<string>();
  const visit = (p: WorkspacePackage, path: string[]): void => {
    if (seen.has(p.manifest.name)) return;
    if (path.includes(p.manifest.name)) throw new Error(`dependency cycle: ${[...path, p.manifest.name].join(' → ')}`);
    for (const name of Object.keys(p.manifest.dependencies ?? {})) {
      const dependency = byName.get(name);
      if (dependency !== undefined) visit(dependency, [...path, p.manifest.name]);
    }
    seen.add(p.manifest.name);
    ordered.push(p);
  };
  for (const p of [...packages].sort((a, b) => a.folder.localeCompare(b.folder))) visit(p, []);
  return ordered;
}

/** `./src/x.ts` → `./dist/src/x.js` (or `.d.ts`): where the build puts a source entry point. */
export function distPath(sourcePath: string, kind: 'js' | 'dts'): string {
  if (!sourcePath.endsWith('.ts')) return sourcePath;
  return sourcePath.replace(/^\.\//, './dist/').replace(/\.ts$/, kind === 'js' ? '.js' : '.d.ts');
}
