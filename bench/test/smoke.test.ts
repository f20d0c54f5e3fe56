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
      // The emit loops of a --quick run take a few milliseconds in all: the thread's CPU clock
      // may count none of them, so only the whole run's CPU must be positive.
      expect(row.emitNs.median).toBeGreaterThanOrEqual(0);
      expect(row.mainThreadNs.median).toBeGreaterThan(0);
      expect(row.totalNs.median).toBeGreaterThan(0);
      expect(row.loopP99Millis.median).toBeGreaterThanOrEqual(row.loopP50Millis.median);
      expect(row.ratioToA).toBeGreaterThan(0);
    }
    // Every row delivers through its real sink: the receiver got every record emitted that no pipeline says it dropped.
    const dropped = results.micro.reduce((sum, r) => sum + Object.values(r.dropped).reduce((a, b) => a + b, 0), 0);
    expect(results.microReceived + dropped).toBe(results.micro.reduce((sum, r) => sum + r.emitted, 0));
  });

  it('measures every compression with its CPU and size when run with --quick', () => {
    expect(results.compression.map((r) => r.id)).toEqual(['none', 'gzip-1', 'gzip-6', 'zstd']);
    const none = results.compression[0]!;
    for (const row of results.compression.slice(1)) {
      expect(row.cpuNsPerRecord.median).toBeGreaterThan(0);
      expect(row.bytesPerRecord).toBeLessThan(none.bytesPerRecord);
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
    expect(results.endToEnd.map((r) => `${r.id}@${r.ratePerSec}`)).toEqual([
      'stock@50000', 'logweave@50000', 'logweave-large-queue@50000', 'durable@50000', 'logweave-full@50000', 'pino@50000', 'stock@0', 'logweave@0', 'retain@0',
    ]);
    // The retain yardstick sends nothing: it only shows what holding the records costs.
    const retain = results.endToEnd.find((row) => row.id === 'retain')!.medianRun;
    expect(retain.received).toBe(0);
    expect(retain.peakRssMiB).toBeGreaterThanOrEqual(retain.rssBeforeMiB);
    for (const run of results.endToEnd.filter((row) => row.id !== 'retain').flatMap((row) => row.runs)) {
      expect(run.received).toBeGreaterThan(0);
      expect(run.received + run.lost).toBe(run.emitted);
      expect(run.deliveredPerSecond).toBeGreaterThan(0);
      expect(run.cpuSecondsPer100k).toBeGreaterThan(0);
      expect(run.mainThreadCpuSecondsPer100k).toBeGreaterThan(0);
      expect(run.peakRssMiB).toBeGreaterThanOrEqual(run.rssBeforeMiB);
      // pino's exporter sends what the official schema reads too; every run's first request is checked.
      expect(run.verified).toBe(true);
      expect(run.invalidRequests).toBe(0);
    }
  });

  it('prints the table it writes, with the machine and a verdict on every target', () => {
    expect(stdout).toBe(readFileSync(join(outDir, 'latest.md'), 'utf8'));
    expect(stdout).toContain(results.machine.cpu);
    expect(results.machine.cores).toBeGreaterThan(0);
    expect(results.targets.map((t) => t.id)).toEqual([
      'emit-path', 'e2e-throughput@50000', 'rss-bounded:logweave@50000', 'rss-bounded:logweave-large-queue@50000',
      'encoder-protobuf', 'encoder-json', 'main-thread-cpu@50000', 'against-pino@50000', 'instant-burst', 'zstd',
    ]);
    for (const target of results.targets) expect(stdout).toContain(target.target);
  });
});
