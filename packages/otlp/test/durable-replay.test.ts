import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setGlobalErrorHandler } from '@opentelemetry/core';
import { startOtlpReceiver, type OtlpReceiver } from '@logweave/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs, type DurableFs } from '../src/durable/durable-fs.ts';
import { resolveDurableOptions } from '../src/durable/durable-options.ts';
import { encodeFrame, FRAME_OVERHEAD_BYTES, readHeader } from '../src/durable/entry-format.ts';
import { segmentPath } from '../src/durable/segment-files.ts';
import { SegmentLog } from '../src/durable/segment-log.ts';
import { deliveries, durableSink, range, until } from './fixtures/durable-support.ts';

const scratch: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'logweave-replay-'));
  scratch.push(dir);
  return dir;
}

/** A queue left by a process that persisted `batches` entries of 10 records while the collector was down. */
async function leftQueue(batches: number): Promise<string> {
  const down = await startOtlpReceiver();
  await down.stop();
  const dir = tempDir();
  const first = durableSink(down.url, dir, { maxExportBatchSize: 10, flushTimeoutMillis: 1_000 });
  for (let i = 0; i < batches * 10; i += 10) {
    first.emit(i, i + 10);
    await first.provider.forceFlush();
  }
  await first.provider.shutdown();
  await down.close();
  return dir;
}

const segmentOf = (dir: string) => join(dir, readdirSync(dir).filter((f) => f.endsWith('.wal')).sort().at(-1)!);

let receiver: OtlpReceiver;
let twentyEntries: string;
beforeAll(async () => {
  twentyEntries = await leftQueue(20);
});
beforeEach(() => setGlobalErrorHandler(() => {}));
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

async function replay(dir: string) {
  receiver = await startOtlpReceiver();
  const sink = durableSink(receiver.url, dir);
  await until(() => sink.stats().onDisk === 0);
  await sink.provider.shutdown();
  await receiver.close();
  return { counts: deliveries(receiver), stats: sink.stats() };
}

describe('otlpSink durable replay', () => {
  it('sends the whole entries of a torn segment and skips the cut one alone', { timeout: 30_000 }, async () => {
    const dir = await leftQueue(5);
    const segment = segmentOf(dir);
    // Cut into the last entry's payload (past its 12-byte trailer), then garbage from a later write.
    truncateSync(segment, statSync(segment).size - 19);
    appendFileSync(segment, Buffer.from('garbage that is not an entry'));
    const { counts, stats } = await replay(dir);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual(range(0, 40));
    expect(stats).toMatchObject({ replayed: 50, corruptEntries: 1, droppedBy: { corrupt: 10 }, exported: 40 });
  });

  it('loses exactly the entry a flipped byte lands in, and counts it', { timeout: 120_000 }, async () => {
    const original = readFileSync(segmentOf(twentyEntries));
    const starts = [0];
    while (starts.length < 20) starts.push(starts.at(-1)! + readHeader(original, starts.at(-1))!.payloadBytes + FRAME_OVERHEAD_BYTES);
    // Beside random bytes (mostly payload): each header field, and a trailer.
    const headerFlips: [number, number][] = [0, 4, 8, 12, 20, 24].map((field, i) => [starts[5 + i]! + field, 0x10]);
    const trailerFlip: [number, number] = [starts[12]! - 8, 0x01];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: original.byteLength - 1 }), fc.integer({ min: 1, max: 255 }), async (at, mask) => {
        const dir = tempDir();
        cpSync(twentyEntries, dir, { recursive: true });
        const flipped = Buffer.from(original);
        flipped[at]! ^= mask;
        writeFileSync(segmentOf(dir), flipped);
        const { counts, stats } = await replay(dir);
        const lost = range(0, 200).filter((i) => !counts.has(i));
        expect([...counts.values()].every((n) => n === 1)).toBe(true);
        // Nothing, or one whole entry (a batch of 10), and what is lost is what is counted.
        expect(lost.length === 0 || (lost.length === 10 && lost[0]! % 10 === 0 && lost[9] === lost[0]! + 9)).toBe(true);
        expect(stats.droppedBy.corrupt ?? 0).toBe(lost.length);
        expect(stats.corruptEntries).toBe(lost.length / 10);
      }),
      { numRuns: 25, examples: [...headerFlips, trailerFlip, [original.byteLength - 1, 0xff]] },
    );
  });

  it('counts the backlog at open from frame headers, without reading the payloads', () => {
    const dir = tempDir();
    const payload = randomBytes(100 * 1024);
    writeFileSync(segmentPath(dir, 1), Buffer.concat(range(0, 20).map(() => encodeFrame({ bytes: payload, records: 100, key: 0 }))));
    let bytesRead = 0;
    const counting: DurableFs = {
      ...nodeFs,
      readSync: (fd, buffer, offset, length, position) => {
        const n = nodeFs.readSync(fd, buffer, offset, length, position);
        bytesRead += n;
        return n;
      },
    };
    const events = { lost: () => {}, failed: () => {}, recovered: () => {} };
    const log = SegmentLog.open({ ...resolveDurableOptions({ dir }), fs: counting }, events)!;
    expect(log.pendingRecords).toBe(2_000);
    // The first read takes a 64 KiB chunk (entries might be small); then 28 bytes per header.
    expect(bytesRead).toBeLessThan(log.diskBytes / 20);
  });
});
