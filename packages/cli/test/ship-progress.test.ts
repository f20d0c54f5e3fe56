import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ShipProgress } from '../src/ship-progress.ts';
import { formatBytes, summaryLines, type ShipSnapshot } from '../src/ship-report.ts';

function snapshot(overrides: Partial<ShipSnapshot> = {}): ShipSnapshot {
  return {
    files: 2, linesRead: 0, linesAcknowledged: 0, lagBytes: 0, sent: 0, delivered: 0, pending: 0,
    onDisk: undefined, dropped: 0, droppedBy: {}, lastError: undefined, ...overrides,
  };
}

/** A stream that keeps what is written, a terminal or not. */
function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { isTTY, writes, write: (text: string) => void writes.push(text) };
}

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

describe('ShipProgress', () => {
  it('writes a plain line per interval when the stream is not a terminal', async () => {
    const out = stream(false);
    let read = 0;
    const progress = new ShipProgress(out, 10_000, () => snapshot({ linesRead: (read += 1000), linesAcknowledged: read - 500, lagBytes: 1536, delivered: read - 500 }));
    progress.start();
    await vi.advanceTimersByTimeAsync(25_000);
    progress.stop();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(out.writes).toEqual([
      'logweave ship: files 2 · lines read 1000, acknowledged 500 · lag 1.5 KiB · delivered 500\n',
      'logweave ship: files 2 · lines read 2000, acknowledged 1500 · lag 1.5 KiB · delivered 1500\n',
    ]);
  });

  it('rewrites one live line on a terminal, keeps messages above it and clears it when stopped', async () => {
    const out = stream(true);
    const progress = new ShipProgress(out, 10_000, () => snapshot({ linesRead: 7, pending: 7, lastError: 'ECONNREFUSED' }));
    progress.start();
    await vi.advanceTimersByTimeAsync(1000);
    progress.note('logweave ship: error: sink down');
    progress.stop();
    const live = '\r\u001b[Klogweave ship: files 2 · lines read 7, acknowledged 0 · lag 0 B · delivered 0 · 7 records waiting (ECONNREFUSED)';
    expect(out.writes).toEqual([live, live, '\r\u001b[Klogweave ship: error: sink down\n', live, '\r\u001b[K']);
  });

  it('writes nothing with an interval of 0', async () => {
    const out = stream(true);
    const progress = new ShipProgress(out, 0, () => snapshot());
    progress.start();
    await vi.advanceTimersByTimeAsync(60_000);
    progress.stop();
    expect(out.writes).toEqual([]);
  });
});

describe('summaryLines', () => {
  it('states lines read, sent, delivered and dropped by reason, and what the next run reads again', () => {
    const s = snapshot({ linesRead: 10, linesAcknowledged: 7, lagBytes: 300, sent: 9, delivered: 5, dropped: 4, droppedBy: { 'minSeverity': 1, 'permanent-error': 3 } });
    expect(summaryLines(s, '/var/lib/ship.json')).toEqual([
      'lines read 10, sent 9, delivered 5, dropped 4 (minSeverity 1, permanent-error 3)',
      'lines acknowledged 7, lag 300 B; checkpoint /var/lib/ship.json',
      '3 lines read were not acknowledged: the next run reads them again from the checkpoint',
    ]);
    expect(summaryLines(snapshot({ linesRead: 2, onDisk: 2 }), undefined)).toEqual([
      'lines read 2, sent 0, delivered 0, on disk 2, dropped 0',
      'lines acknowledged 0, lag 0 B; no checkpoint',
      '2 lines read were not acknowledged and, without a checkpoint, are not read again',
    ]);
  });

  it('formats sizes in binary units', () => {
    expect([0, 1023, 1024, 1536, 32 * 1024 ** 2, 3 * 1024 ** 4].map(formatBytes)).toEqual(['0 B', '1023 B', '1.0 KiB', '1.5 KiB', '32.0 MiB', '3.0 TiB']);
  });
});
