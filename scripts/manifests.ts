// Keeps what every published package.json promises in one place: what `pnpm pack` publishes
// (publishConfig: compiled entry points, types first), the metadata npm shows, the Node floor.
//
//   node scripts/manifests.ts          checks; exits 1 and lists what is missing or stale
//   node scripts/manifests.ts --write  writes the derived fields into every package.json
//
// Inside the workspace `exports` and `bin` point at the TypeScript sources (tests, examples and
// the bench run them with no build step); publishConfig replaces them in the packed manifest.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { distPath, publishedPackages, type Manifest, type WorkspacePackage } from './lib/workspace.ts';

const REPOSITORY = 'https://github.com/logweave/logweave';
export const NODE_FLOOR = '>=22.15';

/** The fields derived from the package's own `exports`, `bin` and folder. */
export function derivedFields(p: WorkspacePackage): Partial<Manifest> {
  const { manifest, folder } = p;
  const exportsMap = Object.fromEntries(Object.entries(manifest.exports ?? {}).map(([key, target]) => [key, compiledExport(target)]));
  const bin = manifest.bin === undefined
    ? undefined
    : Object.fromEntries(Object.entries(manifest.bin).map(([name, target]) => [name, distPath(target, 'js')]));
  const root = manifest.exports?.['.'];
  return {
    license: 'Apache-2.0',
    repository: { type: 'git', url: `git+${REPOSITORY}.git`, directory: `packages/${folder}` },
    homepage: `${REPOSITORY}/tree/main/packages/${folder}#readme`,
    bugs: { url: `${REPOSITORY}/issues` },
    engines: { node: NODE_FLOOR },
    files: filesOf(manifest),
    publishConfig: {
      access: 'public',
      ...(typeof root === 'string' ? { types: distPath(root, 'dts') } : {}),
      exports: exportsMap,
      ...(bin === undefined ? {} : { bin }),
    },
  };
}

function compiledExport(target: unknown): unknown {
  if (typeof target !== 'string' || !target.endsWith('.ts')) return target;
  return { types: distPath(target, 'dts'), default: distPath(target, 'js') };
}

/** dist, the sources the declaration and source maps point at, and any extra folder the package ships. */
function filesOf(manifest: Manifest): string[] {
  const current = Array.isArray(manifest['files']) ? (manifest['files'] as string[]) : [];
  const extra = current.filter((entry) => !['dist', 'src', 'bin', 'CHANGELOG.md'].includes(entry));
  return ['dist', 'src', ...(manifest.bin === undefined ? [] : ['bin']), ...extra, 'CHANGELOG.md'];
}

/** What is wrong with a package beyond the derived fields: things a person has to write. */
export function problemsOf(p: WorkspacePackage, all: WorkspacePackage[] = publishedPackages()): string[] {
  const { manifest, dir } = p;
  const problems: string[] = [];
  const expected = derivedFields(p);
  for (const [field, value] of Object.entries(expected)) {
    if (JSON.stringify(manifest[field]) !== JSON.stringify(value)) problems.push(`${field} is stale (run node scripts/manifests.ts --write)`);
  }
  if (typeof manifest['description'] !== 'string' || manifest['description'] === '') problems.push('no description');
  if (!Array.isArray(manifest['keywords']) || manifest['keywords'].length === 0) problems.push('no keywords');
  if (manifest['sideEffects'] !== false) problems.push('sideEffects is not false');
  for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md']) {
    if (!existsSync(join(dir, file))) problems.push(`no ${file}`);
  }
  const peersOfDependencies = new Set(Object.keys(manifest.dependencies ?? {}).flatMap((name) => {
    const sibling = all.find((candidate) => candidate.manifest.name === name);
    return Object.keys(sibling?.manifest.peerDependencies ?? {});
  }));
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    // An application (the cli) may depend on a package only to provide its dependencies' peer.
    if (!imported(dir, name) && !peersOfDependencies.has(name)) problems.push(`dependency ${name} is imported by nothing in src/ or bin/`);
  }
  return problems;
}

function imported(dir: string, name: string): boolean {
  const pattern = new RegExp(`['"]${name.replace(/[/.]/g, '\\$&')}(/[^'"]*)?['"]`);
  return ['src', 'bin'].some((folder) => sources(join(dir, folder)).some((file) => pattern.test(readFileSync(file, 'utf8'))));
}

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
}

const FIELD_ORDER = [
  'name', 'version', 'private', 'description', 'keywords', 'license', 'repository', 'homepage', 'bugs', 'type',
  'sideEffects', 'exports', 'bin', 'files', 'engines', 'publishConfig', 'scripts', 'dependencies',
  'peerDependencies', 'peerDependenciesMeta', 'devDependencies',
];

function write(p: WorkspacePackage): void {
  const updated: Manifest = { ...p.manifest, ...derivedFields(p) };
  const rank = (field: string) => (FIELD_ORDER.includes(field) ? FIELD_ORDER.indexOf(field) : FIELD_ORDER.length);
  const ordered = Object.fromEntries(Object.entries(updated).sort(([a], [b]) => rank(a) - rank(b)));
  writeFileSync(join(p.dir, 'package.json'), `${JSON.stringify(ordered, null, 2)}\n`);
}

if (import.meta.main) {
  const packages = publishedPackages();
  if (process.argv.includes('--write')) packages.forEach(write);
  let failed = 0;
  for (const p of publishedPackages()) {
    const problems = problemsOf(p, packages);
    if (problems.length > 0) failed += 1;
    for (const problem of problems) console.error(`${p.manifest.name}: ${problem}`);
  }
  if (failed > 0) process.exit(1);
  console.log(`${packages.length} package manifests ok`);
}
