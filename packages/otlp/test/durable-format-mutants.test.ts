import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeFs, type DurableFs } from '../src/durable/durable-fs.ts';
import { encodeFrame, framePayload, FRAME_OVERHEAD_BYTES, HEADER_BYTES, readHeader, readTrailer, TRAILER_BYTES } from '../src/durable/entry-format.ts';
import { scanSegment } from '../src/durable/segment-scan.ts';

/*
 * Behaviours that mutation testing (`pnpm mutate:delivery`) found unguarded: each test here
 * fails against a mutant that survived the rest of the suite.
 */

const request = fc.record({
  bytes: fc.uint8Array({ minLength: 0, maxLength: 300 }),
  records: fc.nat({ max: 2 ** 32 - 1 }),
  // The routing key of a loadBalance by trace id: a replay after restart goes where the first send went.
  key: fc.nat({ max: 1000 }),
});

describe('durable entry format', () => {
  it('reads back the payload, record count and routing key of every entry it writes', () => {
    fc.assert(
      fc.property(request, (req) => {
        const frame = encodeFrame(req);
        expect(frame.byteLength).toBe(req.bytes.byteLength + FRAME_OVERHEAD_BYTES);
        expect(readHeader(frame)).toMatchObject({ payloadBytes: req.bytes.byteLength, records: req.records, key: req.key });
        expect(framePayload(frame)).toEqual(Buffer.from(req.bytes));
        expect(readTrailer(frame.subarray(frame.byteLength - TRAILER_BYTES), frame.byteLength)).toBe(req.records);
      }),
    );
  });

  it('trusts no header, payload or trailer a flipped byte lands in', () => {
    fc.assert(
      fc.property(request, fc.nat(), fc.integer({ min: 1, max: 255 }), (req, position, mask) => {
        const frame = encodeFrame(req);
        const at = position % frame.byteLength;
        frame[at]! ^= mask;
        const trailerStart = frame.byteLength - TRAILER_BYTES;
        if (at < HEADER_BYTES) expect(readHeader(frame)).toBeUndefined();
        if (at < trailerStart) expect(framePayload(frame)).toBeUndefined();
        else expect(readTrailer(frame.subarray(trailerStart), frame.byteLength)).toBeUndefined();
      }),
    );
  });

  it('reads no payload from an entry cut short or run on', () => {
    fc.assert(
      fc.property(request, fc.integer({ min: 1, max: 50 }), (req, cut) => {
        const frame = encodeFrame(req);
        expect(framePayload(frame.subarray(0, Math.max(0, frame.byteLength - cut)))).toBeUndefined();
        expect(framePayload(Buffer.concat([frame, Buffer.alloc(cut)]))).toBeUndefined();
        // A trailer is only believed for a frame of the length it states.
        expect(readTrailer(frame.subarray(frame.byteLength - TRAILER_BYTES), frame.byteLength + cut)).toBeUndefined();
      }),
    );
  });
});

describe('segment scan', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'logweave-scan-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('closes every file it opens, whatever the segment holds', () => {
    let open = 0;
    const counting: DurableFs = {
      ...nodeFs,
      openSync: (path, flags) => (open++, nodeFs.openSync(path, flags)),
      closeSync: (fd) => (open--, nodeFs.closeSync(fd)),
    };
    const path = join(dir, 'segment');
    const frames = [1, 2, 3].map((n) => encodeFrame({ bytes: new Uint8Array(100).fill(n), records: n, key: n }));
    const damaged = Buffer.concat([...frames, frames[0]!.subarray(0, 50)]);
    damaged[100 + FRAME_OVERHEAD_BYTES + 3]! ^= 0xff; // the magic of the second entry
    writeFileSync(path, damaged);
    const scan = scanSegment(counting, path, 0);
    expect(open).toBe(0);
    expect(scan.frames.map((f) => [f.records, f.key])).toEqual([[1, 1], [3, 3]]);
    expect(scan).toMatchObject({ corruptEntries: 1, corruptRecords: 2, end: 3 * (100 + FRAME_OVERHEAD_BYTES) });
  });
});
