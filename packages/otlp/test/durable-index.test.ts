import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeFs, type DurableFs } from '../src/durable/durable-fs.ts';
import { resolveDurableOptions } from '../src/durable/durable-options.ts';
import { encodeFrame, FRAME_OVERHEAD_BYTES } from '../src/durable/entry-format.ts';
import { segmentPath } from '../src/durable/segment-files.ts';
import { indexPath } from '../src/durable/segment-index.ts';
import { SegmentLog } from '../src/durable/segment-log.ts';

const scratch: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'logweave-index-'));
  scratch.push(dir);
  return dir;
}

const events = { lost: () => {}, failed: () => {}, recovered: () => {} };
/** The smallest limit: 4 KiB segments, so 60 entries of ~1 KiB fill 20 segments. */
const options = (dir: string, fs: DurableFs = nodeFs) => ({ ...resolveDurableOptions({ dir, maxBytes: 64 * 1024, fsync: 'never' }), fs });
const ENTRIES = 60;
/** Entry i holds i + 1 records. */
const TOTAL_RECORDS = (ENTRIES * (ENTRIES + 1)) / 2;

/** A queue whose writer sealed every segment (rolled over, then closed): each has an index. */
async function sealedQueue(): Promise<string> {
  const dir = tempDir();
  const log = SegmentLog.open(options(dir), events)!;
  for (let i = 0; i < ENTRIES; i++) await log.append({ bytes: randomBytes(1000 + i), records: i + 1, key: 0 });
  await log.close();
  return dir;
}

/** Opens `dir` as the next process would, counting the bytes read while it does. */
function reopen(dir: string): { log: SegmentLog; bytesRead: number } {
  let bytesRead = 0;
  const counting: DurableFs = {
    ...nodeFs,
    readSync: (fd, buffer, offset, length, position) => {
      const n = nodeFs.readSync(fd, buffer, offset, length, position);
      bytesRead += n;
      return n;
    },
  };
  const log = SegmentLog.open(options(dir, counting), events)!;
  return { log, bytesRead };
}

const files = (dir: string, suffix: string) => readdirSync(dir).filter((f) => f.endsWith(suffix)).sort();

let sealed: string;
beforeAll(async () => {
  sealed = await sealedQueue();
});
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('durable segment index', () => {
  it('is written for every sealed segment and counts the backlog with two header reads per segment', () => {
    const segments = files(sealed, '.wal');
    expect(segments.length).toBeGreaterThan(10);
    expect(files(sealed, '.idx')).toEqual(segments.map((f) => f.replace('.wal', '.idx')));
    const { log, bytesRead } = reopen(sealed);
    expect(log.pendingRecords).toBe(TOTAL_RECORDS);
    expect(bytesRead).toBe(segments.length * 2 * 28);
  });

  it('gives the right count when indexes are missing, corrupt or stale, whatever the damage', () => {
    const segments = files(sealed, '.wal').map((f) => Number(f.slice(0, 10)));
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('missing' as const) }),
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat({ max: 55 }), mask: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('torn' as const), length: fc.nat({ max: 55 }) }),
      fc.record({ kind: fc.constant('other segment' as const), from: fc.constantFrom(...segments) }),
      fc.record({ kind: fc.constant('segment cut' as const) }),
      fc.record({ kind: fc.constant('segment grew' as const) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...segments), damage, (segment, harm) => {
        const dir = tempDir();
        cpSync(sealed, dir, { recursive: true });
        const idx = indexPath(dir, segment);
        const wal = segmentPath(dir, segment);
        let expected = TOTAL_RECORDS;
        if (harm.kind === 'missing') unlinkSync(idx);
        if (harm.kind === 'flip') {
          const bytes = readFileSync(idx);
          bytes[harm.at]! ^= harm.mask;
          writeFileSync(idx, bytes);
        }
        if (harm.kind === 'torn') writeFileSync(idx, readFileSync(idx).subarray(0, harm.length));
        if (harm.kind === 'other segment') writeFileSync(idx, readFileSync(indexPath(dir, harm.from)));
        if (harm.kind === 'segment cut') {
          // The last entry torn off after the index was written: the scan cuts the tail.
          const lastRecords = recordsOfLastEntry(wal);
          truncateSync(wal, statSync(wal).size - 5);
          expected -= lastRecords;
        }
        if (harm.kind === 'segment grew') {
          appendFileSync(wal, encodeFrame({ bytes: randomBytes(50), records: 7, key: 0 }));
          expected += 7;
        }
        expect(reopen(dir).log.pendingRecords).toBe(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('counts at send time the records of a damaged entry inside an indexed segment', async () => {
    const dir = tempDir();
    cpSync(sealed, dir, { recursive: true });
    const segment = Number(files(dir, '.wal')[1]!.slice(0, 10));
    const wal = readFileSync(segmentPath(dir, segment));
    const second = wal.readUInt32LE(4) + FRAME_OVERHEAD_BYTES;
    const secondRecords = wal.readUInt32LE(second + 8);
    wal[second + 8]! ^= 0x40; // its record count: the header checksum fails, the trailer still tells
    writeFileSync(segmentPath(dir, segment), wal);
    const lost: [string, number][] = [];
    const log = SegmentLog.open(options(dir), { ...events, lost: (reason: string, records: number) => void lost.push([reason, records]) })!;
    expect(log.pendingRecords).toBe(TOTAL_RECORDS);
    let sent = 0;
    const signal = new AbortController().signal;
    while (log.pendingRecords > 0) {
      const entry = (await log.next(signal))!;
      sent += entry.records;
      await log.acknowledge(entry);
    }
    expect(lost).toEqual([['corrupt', secondRecords]]);
    expect(sent).toBe(TOTAL_RECORDS - secondRecords);
    expect(log.counters.corruptEntries).toBe(1);
  });

  it('deletes an index whose segment is gone', () => {
    const dir = tempDir();
    cpSync(sealed, dir, { recursive: true });
    const first = Number(files(dir, '.wal')[0]!.slice(0, 10));
    unlinkSync(segmentPath(dir, first));
    reopen(dir);
    expect(files(dir, '.idx')).not.toContain(`${String(first).padStart(10, '0')}.idx`);
  });
});

/** Records of a segment's last entry, read from its trailer. */
function recordsOfLastEntry(wal: string): number {
  const bytes = readFileSync(wal);
  expect(bytes.byteLength).toBeGreaterThan(FRAME_OVERHEAD_BYTES);
  return bytes.readUInt32LE(bytes.byteLength - 12);
}
