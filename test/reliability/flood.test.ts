import type { PipelineStats } from '@logweave/core';
import type { SinkStats } from '@logweave/otlp';
import { startOtlpReceiver } from '@logweave/testing';
import { describe, expect, it } from 'vitest';
import { lastJson, runFixture } from './support/child-process.ts';

interface FloodResult {
  baselineRss: number;
  peakRss: number;
  liveQueueHeap: number;
  heldWhenFull: number;
  warmUp: number;
  pipeline: PipelineStats;
  sink: SinkStats;
}

const RECORDS = 1_000_000;
const MAX_QUEUE_SIZE = 65_536;
/** Binds first: a flood record is estimated at about 165 bytes, so about 50 000 of them fit. */
const MAX_QUEUE_BYTES = 8 * 1024 * 1024;
const MiB = 1024 * 1024;

/**
 * Heap bytes a queued record costs per byte of the sink's estimate: the SDK's LogRecordImpl, its
 * attributes object, two hrTime arrays and the body string. Measured 3.3 on sdk-logs 3.1.1.
 */
const LIVE_FACTOR = 4;
/**
 * RSS bytes per byte of maxQueueBytes: the live heap (LIVE_FACTOR), times 4 because V8 lets the old
 * generation grow up to 4 times its live size (its largest heap growing factor) before a full
 * collection frees the records already exported or dropped. Measured 6.6 to 8.5.
 */
const RSS_FACTOR = LIVE_FACTOR * 4;

describe('otlpSink under a flood', () => {
  it('holds RSS within baseline + maxQueueBytes × 16 while 1M records meet a slow collector, and counts every drop', { timeout: 90_000 }, async () => {
    const receiver = await startOtlpReceiver();
    receiver.inject({ kind: 'delay', ms: 200 }, Infinity);
    try {
      const run = await runFixture(
        'flood-child.ts',
        {
          RECEIVER_URL: receiver.url,
          RECORDS: String(RECORDS),
          MAX_QUEUE_SIZE: String(MAX_QUEUE_SIZE),
          MAX_QUEUE_BYTES: String(MAX_QUEUE_BYTES),
        },
        // V8 sizes its young generation from the machine's memory; 16 MiB semi-spaces (its
        // classic 64-bit default) make the bound depend on configuration alone, not on the host.
        { nodeFlags: ['--expose-gc', '--max-semi-space-size=16'] },
      );
      expect(run.code).toBe(0);
      const result = lastJson<FloodResult>(run);
      const emitted = RECORDS + result.warmUp;

      expect(result.heldWhenFull).toBeGreaterThan(0);
      expect(result.heldWhenFull).toBeLessThanOrEqual(MAX_QUEUE_SIZE);
      expect(result.liveQueueHeap / MiB).toBeLessThanOrEqual((MAX_QUEUE_BYTES * LIVE_FACTOR) / MiB);
      expect((result.peakRss - result.baselineRss) / MiB).toBeLessThanOrEqual((MAX_QUEUE_BYTES * RSS_FACTOR) / MiB);

      expect(result.pipeline).toMatchObject({ received: emitted, forwarded: emitted, dropped: 0 });
      const { sink } = result;
      expect(sink.received).toBe(emitted);
      expect(sink.queued + sink.inFlight).toBe(0);
      expect(sink.received).toBe(sink.exported + sink.dropped);
      expect(sink.droppedBy).toEqual({ 'queue-full': sink.dropped });
      expect(sink.dropped).toBeGreaterThan(0);
      expect(receiver.records()).toHaveLength(sink.exported);
      expect(receiver.requests.every((r) => r.status === 200)).toBe(true);
    } finally {
      await receiver.close();
    }
  });
});
