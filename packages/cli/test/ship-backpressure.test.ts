import { writeFile } from 'node:fs/promises';
import { otlpSink } from '@logweave/otlp';
import { shipFiles } from '@logweave/parse';
import { startOtlpReceiver } from '@logweave/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointOffset, cleanup, runCleanup, tempDirectory, until } from './helpers.ts';

afterEach(runCleanup);

const LINE_BYTES = 1024;
const LINES = 400;

/** Lines of exactly LINE_BYTES: the line number of an offset is offset / LINE_BYTES. */
function fixedLines(count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) {
    const head = `line ${String(i).padStart(6, '0')} `;
    text += `${head}${'x'.repeat(LINE_BYTES - head.length - 1)}\n`;
  }
  return text;
}

describe('shipFiles with otlpSink', () => {
  it('reads a step again with fewer bytes when the sink queue refused records, and never checkpoints past them', { timeout: 60_000 }, async () => {
    const path = await tempDirectory();
    const file = path('app.log');
    const checkpointFile = path('checkpoint.json');
    await writeFile(file, fixedLines(LINES));
    const delivered = new Set<number>();
    const receiver = await startOtlpReceiver({
      onRecords: (records) => records.forEach((r) => delivered.add(Number(String(r.body).slice(5, 11)))),
    });
    cleanup.push(() => receiver.close());
    // A queue of 64 KiB under steps of 256 KiB: the first steps overflow it.
    const sink = otlpSink({ endpoint: receiver.url, maxQueueBytes: 64 * 1024, maxExportBatchBytes: 32 * 1024, retry: { maxElapsedMillis: 0 } });
    const shipper = shipFiles({ files: [file], sink, format: 'none', checkpointFile, pollIntervalMillis: 20, commitBytes: 256 * 1024 });
    cleanup.push(() => shipper.stop());

    // Each time the checkpoint is looked at, the lines before it must all have been delivered.
    const passedUndelivered = new Set<number>();
    await until(async () => {
      const offset = await checkpointOffset(checkpointFile);
      for (let line = 0; line < offset / LINE_BYTES; line++) if (!delivered.has(line)) passedUndelivered.add(line);
      return offset === LINES * LINE_BYTES;
    }, 'the checkpoint at the end of the file');

    expect(delivered.size).toBe(LINES);
    expect(sink.stats().droppedBy['queue-full']).toBeGreaterThan(0);
    expect(shipper.stats()).toMatchObject({ linesAcknowledged: LINES, lagBytes: 0 });
    expect(shipper.stats().rewinds).toBeGreaterThan(0);
    expect([...passedUndelivered]).toEqual([]);
  });
});
