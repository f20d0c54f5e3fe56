// The packages as npm users get them: every published package built, packed, and installed with
// plain npm into a scratch project outside the repository, next to the OpenTelemetry packages
// from the registry; then used from ESM, CommonJS, TypeScript, the bins and esbuild bundles, on
// Node 24 and on the engines floor.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { build as esbuild } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackages } from '../../scripts/build.ts';
import { NODE_FLOOR } from '../../scripts/manifests.ts';
import { entryPoints, packAll, tarballProblems, type Tarball } from '../../scripts/lib/pack.ts';
import { ROOT, type Manifest } from '../../scripts/lib/workspace.ts';

const FLOOR_VERSION = `${NODE_FLOOR.replace('>=', '')}.0`;
const OTEL_PACKAGES = ['@opentelemetry/api', '@opentelemetry/api-logs', '@opentelemetry/sdk-logs', '@opentelemetry/resources', '@opentelemetry/core'];
/** Node at the floor and the compiler users have, installed once and kept between runs. */
const TOOLS_DIR = join(ROOT, 'node_modules', '.cache', 'logweave-consumer', `node-${FLOOR_VERSION}-typescript-5`);
const FIXTURES = join(import.meta.dirname, 'fixtures');
const SETUP_MILLIS = 10 * 60_000;
const STEP_MILLIS = 3 * 60_000;

const execFileAsync = promisify(execFile);

interface Ran {
  stdout: string;
  stderr: string;
}

/** Runs a command; a failure carries the command's output, so that the test report shows it. */
async function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  try {
    return await execFileAsync(command, args, { ...options, maxBuffer: 64 * 1024 * 1024, timeout: STEP_MILLIS });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as Partial<Ran>;
    throw new Error(`${command} ${args.join(' ')} failed: ${(error as Error).message}\n${stdout}\n${stderr}`);
  }
}

const npm = (args: string[], cwd: string) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd });

async function installTools(): Promise<void> {
  if (existsSync(join(TOOLS_DIR, 'ready'))) return;
  rmSync(TOOLS_DIR, { recursive: true, force: true });
  mkdirSync(TOOLS_DIR, { recursive: true });
  writeFileSync(join(TOOLS_DIR, 'package.json'), JSON.stringify({ private: true }));
  await npm(['install', `node@${FLOOR_VERSION}`, 'typescript@5'], TOOLS_DIR);
  writeFileSync(join(TOOLS_DIR, 'ready'), '');
}

const nodes = {
  'Node 24': process.execPath,
  [`Node ${FLOOR_VERSION}`]: join(TOOLS_DIR, 'node_modules', 'node', 'bin', 'node'),
};
const tsc = join(TOOLS_DIR, 'node_modules', 'typescript', 'bin', 'tsc');

let scratch: string;
let tarballs: Tarball[];

beforeAll(async () => {
  expect(process.version).toMatch(/^v24\./);
  const tools = installTools();
  buildPackages();
  scratch = mkdtempSync(join(tmpdir(), 'logweave-consumer-'));
  const packed = join(scratch, 'tarballs');
  mkdirSync(packed);
  tarballs = packAll(packed);
  const project = join(scratch, 'app');
  cpSync(FIXTURES, project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
  await npm(['install', ...tarballs.map((t) => t.file), ...OTEL_PACKAGES, '@types/node@22'], project);
  await tools;
}, SETUP_MILLIS);

afterAll(() => {
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

const app = () => join(scratch, 'app');

function installedManifest(name: string): Manifest {
  return JSON.parse(readFileSync(join(app(), 'node_modules', name, 'package.json'), 'utf8')) as Manifest;
}

/** Every folder of `name` under the install's node_modules trees: one means npm deduplicated it. */
function copiesOf(name: string, dir = join(app(), 'node_modules')): string[] {
  const here = existsSync(join(dir, name, 'package.json')) ? [join(dir, name)] : [];
  const nested = readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory() || entry.name === '.bin') return [];
    const folders = entry.name.startsWith('@') ? readdirSync(join(dir, entry.name)).map((n) => join(dir, entry.name, n)) : [join(dir, entry.name)];
    return folders.filter((f) => existsSync(join(f, 'node_modules'))).flatMap((f) => copiesOf(name, join(f, 'node_modules')));
  });
  return [...here, ...nested];
}

describe('the packed packages, installed by npm outside the repository', { timeout: STEP_MILLIS }, () => {
  it('promise compiled JavaScript and declarations, never TypeScript sources', () => {
    expect(tarballs.map((t) => t.name)).toContain('@logweave/core');
    expect(tarballs.flatMap((t) => tarballProblems(t).map((problem) => `${t.name}: ${problem}`))).toEqual([]);
    for (const { name } of tarballs) {
      const manifest = installedManifest(name);
      for (const entry of entryPoints(manifest)) {
        expect(entry, `${name} ${entry}`).not.toMatch(/(?<!\.d)\.[cm]?ts$/);
        expect(existsSync(join(app(), 'node_modules', name, entry)), `${name} ${entry} exists`).toBe(true);
      }
      expect(manifest.engines).toEqual({ node: NODE_FLOOR });
    }
  });

  it('leaves one copy of the OpenTelemetry SDK and API, and a valid tree', async () => {
    for (const name of ['@opentelemetry/sdk-logs', '@opentelemetry/api', '@opentelemetry/core', '@opentelemetry/resources']) {
      expect(copiesOf(name), name).toEqual([join(app(), 'node_modules', name)]);
    }
    const { stdout } = await npm(['ls', '@opentelemetry/sdk-logs', '--all', '--parseable'], app());
    expect(new Set(stdout.trim().split('\n'))).toEqual(new Set([join(app(), 'node_modules', '@opentelemetry', 'sdk-logs')]));
  });

  for (const [label, node] of Object.entries(nodes)) {
    describe(`on ${label}`, () => {
      it('runs a full pipeline from an ES module', async () => {
        const { stdout } = await run(node, ['app.mjs'], { cwd: app() });
        expect(JSON.parse(stdout)).toEqual({ ok: true, node: expect.stringMatching(label === 'Node 24' ? /^v24\./ : `^v${FLOOR_VERSION}$`) });
      });

      it('runs the same pipeline from CommonJS through require()', async () => {
        const { stdout } = await run(node, ['app.cjs'], { cwd: app() });
        expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({ ok: true });
      });

      it('runs every bin the packages declare', async () => {
        const bins = tarballs.flatMap((t) => Object.keys(t.manifest.bin ?? {}));
        const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env['PATH']}` };
        for (const bin of bins) {
          const commands = bin === 'logweave' ? [['--help'], ['dev', '--help'], ['ship', '--help']] : [['--help']];
          for (const args of commands) {
            const { stdout } = await run(join(app(), 'node_modules', '.bin', bin), args, { cwd: app(), env });
            expect(stdout, `${bin} ${args.join(' ')}`).toMatch(/usage/i);
          }
        }
      });
    });
  }

  for (const resolution of ['nodenext', 'bundler'] as const) {
    for (const strict of [true, false]) {
      it(`type-checks a TypeScript consumer (module ${resolution}, strict ${strict}, skipLibCheck false)`, async () => {
        const config = join(app(), `tsconfig.${resolution}.${strict}.json`);
        writeFileSync(config, JSON.stringify({
          compilerOptions: {
            module: resolution === 'nodenext' ? 'nodenext' : 'preserve',
            moduleResolution: resolution,
            target: 'es2022',
            strict,
            skipLibCheck: false,
            noEmit: true,
            types: ['node'],
          },
          files: ['consumer.mts'],
        }));
        await run(nodes['Node 24'], [tsc, '-p', config], { cwd: app() });
      });
    }
  }

  it('bundles every package with esbuild, as ESM and as CommonJS, and runs the bundles', async () => {
    const imports = tarballs.filter((t) => t.manifest.exports?.['.'] !== undefined).map((t) => {
      const file = `import-${t.name.replace('@logweave/', '')}.mjs`;
      writeFileSync(join(app(), file), `import * as api from '${t.name}';\nif (Object.keys(api).length === 0) throw new Error('${t.name}: nothing exported');\n`);
      return file;
    });
    const entries = { esm: [...imports, 'app.mjs', 'config-bundle.mjs'], cjs: [...imports, 'app.cjs', 'config-bundle.mjs'] };
    for (const format of ['esm', 'cjs'] as const) {
      for (const entry of entries[format]) {
        const outfile = join(scratch, 'bundles', format, `${entry.replace(/^.*\//, '').replace(/\.[cm]js$/, '')}.${format === 'esm' ? 'mjs' : 'cjs'}`);
        await esbuild({
          entryPoints: [join(app(), entry)],
          outfile,
          bundle: true,
          platform: 'node',
          target: 'node22',
          format,
          logLevel: 'silent',
          // The usual banner for an ESM bundle holding CommonJS dependencies (protobufjs, ajv) that require() Node built-ins.
          ...(format === 'esm' ? { banner: { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" } } : {}),
        });
        // Run from outside the project: the bundle must need nothing from node_modules.
        await run(nodes['Node 24'], [outfile], { cwd: scratch });
      }
    }
  });
});
