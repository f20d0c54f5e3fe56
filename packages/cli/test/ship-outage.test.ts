import { open, stat } from 'node:fs/promises';
import { startOtlpReceiver } from '@logweave/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointOffset, cleanup, logweave, runCleanup, tempDirectory, until } from './helpers.ts';

afterEach(runCleanup);

const LINES = 3000;
const LINE_BYTES = 60 * 1024;

/** 3,000 lines of 60 KiB: `line <seq> xxxx…`, about 180 MiB, five times the sink's 32 MiB queue. */
async function writeBigLines(file: string): Promise<number> {
  const handle = await open(file, 'w');
  const padding = 'x'.repeat(LINE_BYTES);
  for (let seq = 0; seq < LINES; seq += 100) {
    let chunk = '';
    for (let i = seq; i < seq + 100; i++) chunk += `line ${i} ${padding}\n`;
    await handle.write(chunk);
  }
  await handle.close();
  return (await stat(file)).size;
}

describe('logweave ship', () => {
  it('delivers 3,000 of 3,000 lines of 60 KiB when the collector is down for the first 5 s, checkpoint at the end', { timeout: 120_000 }, async () => {
    const path = await tempDirectory();
    const file = path('big.log');
    const checkpoint = path('big.checkpoint');
    const size = await writeBigLines(file);
    const seen = new Set<number>();
    const receiver = await startOtlpReceiver({
      onRecords: (records) => {
        for (const record of records) seen.add(Number(/^line (\d+) /.exec(String(record.body))![1]));
      },
    });
    cleanup.push(() => receiver.close());
    await receiver.stop();

    const ship = logweave(['ship', file, '--endpoint', receiver.url, '--checkpoint', checkpoint, '--format', 'none', '--poll-interval', '50']);
    // The collector is down: connections are refused, so nothing can be acknowledged.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(await checkpointOffset(checkpoint)).toBe(-1);
    await receiver.start();

    await until(async () => (await checkpointOffset(checkpoint)) === size, 'the checkpoint at the end of the file', 100_000);
    expect(seen.size).toBe(LINES);
    ship.child.kill('SIGTERM');
    expect(await ship.exit).toEqual([0, null]);
    expect(ship.stderr()).toContain(`lines read ${LINES}, sent ${LINES}, delivered ${LINES}, dropped 0`);
    expect(ship.stderr()).toContain(`lines acknowledged ${LINES}, lag 0 B`);
  });
});
