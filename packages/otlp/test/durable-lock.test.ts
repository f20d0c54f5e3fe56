import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./fixtures/lock-child.ts', import.meta.url));

/** A pid that belonged to a process that has exited. */
async function deadPid(): Promise<number> {
  const gone = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => gone.once('exit', resolve));
  return gone.pid!;
}

function claimant(dir: string, startAt: number): { process: ChildProcess; result: Promise<string> } {
  const claim = spawn(process.execPath, [child, dir, String(startAt)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const result = new Promise<string>((resolve) => {
    let out = '';
    claim.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('\n')) resolve(out.trim());
    });
  });
  return { process: claim, result };
}

describe('durable queue directory lock', () => {
  it('lets exactly one of two processes take over a stale lock, in each of 20 rounds', { timeout: 120_000 }, async () => {
    const outcomes: string[][] = [];
    for (let round = 0; round < 20; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'logweave-lock-'));
      writeFileSync(join(dir, 'lock'), String(await deadPid()));
      // Both children are up and spinning before the instant comes: they claim together.
      const startAt = Date.now() + 600;
      const claims = [claimant(dir, startAt), claimant(dir, startAt)];
      const results = await Promise.all(claims.map((c) => c.result));
      outcomes.push(results.sort());
      for (const c of claims) c.process.stdin!.end();
      await Promise.all(claims.map((c) => new Promise((resolve) => c.process.once('exit', resolve))));
      expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
      rmSync(dir, { recursive: true, force: true });
    }
    expect(outcomes).toEqual(Array.from({ length: 20 }, () => ['owner', 'refused']));
  });
});
