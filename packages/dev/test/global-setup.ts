// The live-tail browser test drives Debian's Chromium through playwright-core, which never
// downloads a browser. The test command makes sure of it: installed with apt when missing and
// running as root (CI, a fresh container), else the run stops with the command to run. Never a
// silent skip. fonts-liberation gives the screenshot its text.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const APT_INSTALL = 'apt-get update && apt-get install -y --no-install-recommends chromium fonts-liberation';

export default function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const root = process.getuid?.() === 0;
  if (root && existsSync('/usr/bin/apt-get') && CHROMIUM === '/usr/bin/chromium') {
    process.stderr.write(`@logweave/dev browser test: no Chromium at ${CHROMIUM}; installing it: ${APT_INSTALL}\n`);
    execSync(APT_INSTALL, { stdio: ['ignore', 'ignore', 'inherit'], shell: '/bin/sh', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (existsSync(CHROMIUM)) return;
  }
  throw new Error(
    `@logweave/dev's browser test needs Chromium at ${CHROMIUM}. Install it with:\n\n  sudo sh -c '${APT_INSTALL}'\n\n`
      + 'or set CHROMIUM_PATH to a Chromium or Chrome executable.',
  );
}
