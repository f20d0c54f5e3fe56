import { readFileSync } from 'node:fs';

/** The version of @logweave/cli, from its package.json: above src/ in the repository, above dist/src/ once built. */
export function cliVersion(): string {
  for (const path of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === '@logweave/cli' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // Not there in this layout: try the next one.
    }
  }
  return 'unknown';
}
