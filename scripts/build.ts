// Compiles every published package: src/ (and bin/) → dist/ as ES modules with .d.ts, declaration
// maps and source maps, dependencies first. `pnpm build`, or `pnpm build core otlp` for some.
//
// Each package is compiled on its own against its siblings' built declarations (tsconfig `paths`
// to their dist/), never their sources, so that a package's output holds only its own files.
import { execFileSync, execSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { distPath, publishedPackages, ROOT, type WorkspacePackage } from './lib/workspace.ts';

const CONFIG_DIR = join(ROOT, 'node_modules', '.cache', 'logweave-build');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

export function buildPackages(only: string[] = []): WorkspacePackage[] {
  const all = publishedPackages();
  const chosen = only.length === 0 ? all : all.filter((p) => only.includes(p.folder) || only.includes(p.manifest.name));
  for (const p of chosen) buildPackage(p, all);
  return chosen;
}

export class BuildError extends Error {
  override readonly name = 'BuildError';
}

function buildPackage(p: WorkspacePackage, all: WorkspacePackage[]): void {
  const started = performance.now();
  const dist = join(p.dir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  // A package that generates code from a description (config: its schema validator) does so first.
  const generate = (p.manifest['scripts'] as Record<string, string> | undefined)?.['generate'];
  if (generate !== undefined) execSync(generate, { cwd: p.dir, stdio: 'inherit' });
  try {
    execFileSync(TSC, ['-p', writeConfig(p, all)], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    throw new BuildError(`${p.manifest.name}: tsc failed (errors above)`);
  }
  for (const file of walk(dist)) {
    if (file.endsWith('.d.ts')) rewriteDeclarationImports(file);
  }
  copyAssets(join(p.dir, 'src'), join(dist, 'src'));
  for (const target of Object.values(p.manifest.bin ?? {})) markExecutable(join(p.dir, distPath(target, 'js')));
  console.log(`built ${p.manifest.name} in ${Math.round(performance.now() - started)} ms`);
}

/** A tsconfig for one package: its src/ and bin/, siblings resolved to their built declarations. */
function writeConfig(p: WorkspacePackage, all: WorkspacePackage[]): string {
  const paths: Record<string, string[]> = {};
  for (const sibling of all) {
    for (const [key, target] of Object.entries(sibling.manifest.exports ?? {})) {
      if (typeof target !== 'string' || !target.endsWith('.ts')) continue;
      paths[join(sibling.manifest.name, key)] = [join(sibling.dir, distPath(target, 'dts'))];
    }
  }
  const config = {
    extends: join(ROOT, 'tsconfig.build.json'),
    compilerOptions: { rootDir: p.dir, outDir: join(p.dir, 'dist'), paths, types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')] },
    include: ['src', 'bin'].map((folder) => join(p.dir, folder)).filter((folder) => existsSync(folder)),
  };
  mkdirSync(CONFIG_DIR, { recursive: true });
  const file = join(CONFIG_DIR, `${p.folder}.json`);
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/**
 * tsc rewrites `./x.ts` to `./x.js` in the JavaScript it emits but keeps `.ts` in declarations,
 * which a user's compiler refuses (TS5097) or cannot resolve. Same length, so the maps still hold.
 */
function rewriteDeclarationImports(file: string): void {
  const text = readFileSync(file, 'utf8');
  const rewritten = text.replace(/((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g, '$1$2.js$3');
  if (rewritten !== text) writeFileSync(file, rewritten);
}

/** Files next to the sources that are not TypeScript (a page a module reads, say) ship beside the output. */
function copyAssets(from: string, to: string): void {
  for (const file of walk(from)) {
    if (file.endsWith('.ts')) continue;
    const target = join(to, relative(from, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
}

function markExecutable(file: string): void {
  if (!readFileSync(file, 'utf8').startsWith('#!')) throw new Error(`${file}: a bin must start with a #! line`);
  chmodSync(file, 0o755);
}

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

if (import.meta.main) {
  const started = performance.now();
  try {
    const built = buildPackages(process.argv.slice(2));
    console.log(`${built.length} packages built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    if (!(error instanceof BuildError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
