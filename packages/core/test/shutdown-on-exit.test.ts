import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./fixtures/exit-child.ts', import.meta.url));

function run(mode: string, onReady?: (pid: number) => void): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [child, mode], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (chunk.includes('ready')) onReady?.(proc.pid!);
    });
    proc.once('exit', (code) => resolve({ code, stdout }));
  });
}

describe('shutdownOnExit', () => {
  it('flushes queued records when the event loop empties', async () => {
    const { code, stdout } = await run('idle');
    expect(code).toBe(0);
    expect(stdout).toContain('flushed a,b');
  });

  it('flushes on SIGTERM, then exits as the signal would have', async () => {
    const { code, stdout } = await run('signal', (pid) => process.kill(pid, 'SIGTERM'));
    expect(stdout).toContain('flushed a,b');
    expect(code).toBe(143);
  });

  it('refuses a target without shutdown()', async () => {
    const { shutdownOnExit } = await import('../src/index.ts');
    expect(() => shutdownOnExit({} as never)).toThrow(TypeError);
  });
});
