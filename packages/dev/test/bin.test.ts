import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SeverityNumber } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { sdkTo } from './helpers.ts';

const BIN = fileURLToPath(new URL('../bin/logweave.ts', import.meta.url));

describe('logweave dev', () => {
  it('prints each record it receives until stopped, and where its live tail is', async () => {
    const child = spawn(process.execPath, [BIN, 'dev', '--port', '0', '--ring', '10'], { env: { ...process.env, NO_COLOR: '1' } });
    try {
      const [banner] = await once(child.stderr, 'data') as [Buffer];
      const match = /OTLP\/HTTP logs on (http:\/\/127\.0\.0\.1:\d+\/v1\/logs), live tail at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(banner.toString());
      expect(match).not.toBeNull();
      const { provider, logger } = sdkTo(match![1]!, 'cli');
      logger.emit({ severityNumber: SeverityNumber.WARN, body: 'queue at 90%' });
      await provider.shutdown();
      const [line] = await once(child.stdout, 'data') as [Buffer];
      expect(line.toString()).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN  cli queue at 90%\n$/);
      expect((await fetch(match![2]!)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });

  it('exits 2 with the usage on an unknown command or a bad option', async () => {
    const run = promisify(execFile);
    for (const args of [['serve'], ['dev', '--ring', 'lots']]) {
      const failure = await run(process.execPath, [BIN, ...args]).catch((error: { code: number; stderr: string }) => error);
      expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('usage: logweave dev [--port 4318]') });
    }
  });

  it('runs logweave ship from @logweave/parse with the same arguments', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [BIN, 'ship', '--help']);
    expect(stdout).toContain('usage: logweave-ship <files…>');
    const failure = await run(process.execPath, [BIN, 'ship']).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2, stderr: expect.stringContaining('at least one file is required') });
  });
});
