import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const guide = readFileSync(join(here, '..', '..', 'docs', 'deploying.md'), 'utf8');
const configs = readdirSync(join(here, 'configs')).filter((name) => name.endsWith('.yaml'));

/** The fenced yaml block that follows the heading naming `configs/<name>`. */
function shownConfig(name: string): string | undefined {
  const heading = guide.indexOf(`test/collector/configs/${name}\`\n`);
  if (heading === -1) return undefined;
  const match = /```yaml\n([\s\S]*?)```/.exec(guide.slice(heading));
  return match?.[1];
}

describe('docs/deploying.md', () => {
  it.each(configs)('shows test/collector/configs/%s exactly as the interop tests run it', (name) => {
    expect(shownConfig(name)).toBe(readFileSync(join(here, 'configs', name), 'utf8'));
  });
});
