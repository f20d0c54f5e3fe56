import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResults } from '../src/results.ts';

const run = promisify(execFile);
const RUN_TS = new URL('../run.ts', import.meta.url).pathname;

describe('bench', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'logweave-bench-smoke-'));
  let results: BenchResults;
  let stdout: string;

  beforeAll(async () => {
    ({ stdout } = await run(process.execPath, [RUN_TS, '--quick', '--out', outDir], { maxBuffer: 16 * 1024 * 1024 }));
    results = JSON.parse(readFileSync(join(outDir, 'latest.json'), 'utf8')) as BenchResults;
  }, 300_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('measures every micro row with a positive cost when run with --quick', () => {
    expect(results.micro.map((r) => r.id)).toEqual(['a', 'b', 'c', 'stage:severity', 'stage:enrich', 'stage:redact', 'stage:filter', 'without-redact', 'read-every-character']);
    for (const row of results.micro) {
      expect(row.nsPerRecord.median).toBeGreaterThan(0);
      expect(row.ratioToA).toBeGreaterThan(0);
      expect(row.exported).toBe(row.emitted);
    }
  });

  it('measures every encoder and floor with positive records/s when run with --quick', () => {
    expect(results.encoding.map((r) => r.id)).toEqual([
      'protobuf:official', 'protobuf:logweave', 'json:official', 'json:logweave', 'json:floor-records', 'json:floor-request',
    ]);
    for (const row of results.encoding) {
      expect(row.recordsPerSecond.median).toBeGreaterThan(0);
      expect(row.bytes).toBeGreaterThan(0);
    }
  });

  it('delivers records end to end for every pipeline and accounts for each one when run with --quick', () => {
    expect(results.endToEnd.map((r) => `${r.id}@${r.ratePerSec}`)).toEqual(['stock@50000', 'logweave@50000', 'logweave-large-queue@50000', 'durable@50000']);
    for (const run of results.endToEnd.flatMap((row) => row.runs)) {
      expect(run.received).toBeGreaterThan(0);
      expect(run.received + run.lost).toBe(run.emitted);
      expect(run.deliveredPerSecond).toBeGreaterThan(0);
      expect(run.cpuSecondsPer100k).toBeGreaterThan(0);
      expect(run.peakRssMiB).toBeGreaterThanOrEqual(run.rssBeforeMiB);
      expect(run.verified).toBe(true);
      expect(run.invalidRequests).toBe(0);
    }
  });

  it('prints the table it writes, with the machine and a verdict on every target', () => {
    expect(stdout).toBe(readFileSync(join(outDir, 'latest.md'), 'utf8'));
    expect(stdout).toContain(results.machine.cpu);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.targets.map((t) => t.id)).toEqual([
      'stages-overhead', 'e2e-throughput@50000', 'rss-bounded:logweave@50000', 'rss-bounded:logweave-large-queue@50000',
      'encoder-protobuf', 'encoder-json',
    ]);
    for (const target of results.targets) expect(stdout).toContain(target.target);
  });
});
