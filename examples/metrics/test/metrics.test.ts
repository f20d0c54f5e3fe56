import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

describe('self-metrics example', () => {
  it('exports the pipeline self-metrics over OTLP to the dev receiver, which shows its health beside the records', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env['OTEL_EXPORTER_OTLP_ENDPOINT'];
    const { stdout } = await run(process.execPath, [main], { env, timeout: 30_000 });
    expect(stdout).toContain('metrics: 21 emitted, 3 exported, 18 dropped');
    // The story of the failing request, in order, then the error.
    const bodies = stdout.split('\n').filter((line) => line.includes('request 7'));
    expect(bodies.map((line) => line.replace(/^.*(request 7: [a-z ]+).*$/, '$1'))).toEqual([
      'request 7: cart loaded',
      'request 7: payment authorised',
      'request 7: inventory timed out',
    ]);
    const health = stdout.split('\n').filter((line) => line.startsWith('logweave dev: health:')).at(-1);
    expect(health).toMatch(/^logweave dev: health: created 21 · processed 21 · dropped bufferUntilError\/shutdown 18 · /);
  }, 30_000);
});
