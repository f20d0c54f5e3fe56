import { appendFile, readFile, rename, truncate, writeFile } from 'node:fs/promises';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedLogRecord } from '@logweave/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointOffset, cleanup, logweave, numberedLines, runCleanup, tempDirectory, until } from './helpers.ts';

afterEach(runCleanup);

async function setUp() {
  const path = await tempDirectory();
  const receiver = await startOtlpReceiver();
  cleanup.push(() => receiver.close());
  return { path, receiver };
}

/** How many times each `seq` arrived. */
function arrivals(receiver: OtlpReceiver): Map<number, number> {
  const counts = new Map<number, number>();
  for (const record of receiver.records()) {
    const seq = Number(record.attributes['seq']);
    counts.set(seq, (counts.get(seq) ?? 0) + 1);
  }
  return counts;
}

// Child processes start slowly on a busy machine: generous limits for failure, no timing asserted.
const LIMIT = 20_000;

describe('logweave ship', { timeout: 60_000 }, () => {
  it('ships parsed lines, prints plain progress lines when stderr is not a terminal, and a summary on SIGTERM', async () => {
    const { path, receiver } = await setUp();
    const file = path('app.log');
    const checkpoint = path('app.checkpoint');
    await writeFile(file, `${numberedLines(0, 2)}{"level":"error","msg":"payment failed","time":"2026-11-20T06:25:03.5Z"}\n`);
    const ship = logweave(['ship', file, '--endpoint', receiver.url, '--checkpoint', checkpoint, '--poll-interval', '20', '--protocol', 'http/json', '--progress-interval', '100ms']);

    const records: ReceivedLogRecord[] = await receiver.waitForRecords(3, LIMIT);
    expect(records.map((r) => [r.body, r.severityNumber])).toEqual([['order 0', 9], ['order 1', 9], ['payment failed', 17]]);
    expect(records[2]!.timeUnixNano).toBe('1795155903500000000');
    expect(records[0]!.attributes).toEqual({ seq: '0', 'log.file.path': file, 'log.file.name': 'app.log' });
    expect(records[0]!.scope.name).toBe('@logweave/parse');
    expect(receiver.requests[0]!.encoding).toBe('json');
    const caughtUp = 'logweave ship: files 1 · lines read 3, acknowledged 3 · lag 0 B · delivered 3\n';
    await until(() => ship.stderr().includes(caughtUp), 'a progress line once caught up', LIMIT);

    ship.child.kill('SIGTERM');
    expect(await ship.exit).toEqual([0, null]);
    expect(await checkpointOffset(checkpoint)).toBe((await readFile(file)).length);
    const lines = ship.stderr().split('\n');
    expect(lines[0]).toBe(`logweave ship: shipping 1 file(s) to 127.0.0.1:${receiver.port}, checkpoint ${checkpoint} (Ctrl+C to stop)`);
    expect(ship.stderr()).not.toContain('\r');
    expect(lines.slice(1, -3).every((line) => /^logweave ship: files 1 · lines read \d, acknowledged \d · lag \d+ (B|KiB) · delivered \d$/.test(line))).toBe(true);
    expect(lines.slice(-3)).toEqual([
      'logweave ship: stopped; lines read 3, sent 3, delivered 3, dropped 0',
      `  lines acknowledged 3, lag 0 B; checkpoint ${checkpoint}`,
      '',
    ]);
  });

  it('neither loses lines nor repeats those before the checkpoint when killed with SIGKILL and restarted', async () => {
    const { path, receiver } = await setUp();
    const file = path('app.log');
    const checkpoint = path('app.checkpoint');
    const args = ['ship', file, '--endpoint', receiver.url, '--checkpoint', checkpoint, '--poll-interval', '20'];
    await writeFile(file, numberedLines(0, 200));
    const first = logweave(args);
    await receiver.waitForRecords(200, LIMIT);
    await until(async () => (await checkpointOffset(checkpoint)) === numberedLines(0, 200).length, 'the first checkpoint', LIMIT);

    await appendFile(file, numberedLines(200, 300));
    await until(() => receiver.records().length > 200, 'some of the appended lines', LIMIT);
    first.child.kill('SIGKILL');
    await first.exit;
    const offset = await checkpointOffset(checkpoint);
    const checkpointed = (await readFile(file, 'utf8')).slice(0, offset).split('\n').length - 1;

    await appendFile(file, numberedLines(500, 100));
    const second = logweave(args);
    await until(() => arrivals(receiver).size === 600, 'every line', LIMIT);
    second.child.kill('SIGTERM');
    await second.exit;

    const counts = arrivals(receiver);
    expect([...counts.keys()].toSorted((a, b) => a - b)).toEqual(Array.from({ length: 600 }, (_, i) => i));
    expect(checkpointed).toBeGreaterThanOrEqual(200);
    // Before the checkpoint: exactly once. After it: at most twice (sent, killed before the checkpoint moved, sent again).
    const entries = [...counts.entries()];
    expect(entries.filter(([seq, count]) => seq < checkpointed && count !== 1)).toEqual([]);
    expect(entries.filter(([, count]) => count > 2)).toEqual([]);
  });

  it('follows rename and truncate rotation, sending every line once', async () => {
    const { path, receiver } = await setUp();
    const file = path('app.log');
    const ship = logweave(['ship', file, '--endpoint', receiver.url, '--checkpoint', path('cp'), '--poll-interval', '20']);
    await writeFile(file, numberedLines(0, 5));
    await receiver.waitForRecords(5, LIMIT);

    await rename(file, `${file}.1`);
    await writeFile(file, numberedLines(5, 5));
    await receiver.waitForRecords(10, LIMIT);
    await truncate(file, 0);
    await appendFile(file, numberedLines(10, 2, 'o'));
    await receiver.waitForRecords(12, LIMIT);

    ship.child.kill('SIGTERM');
    expect(await ship.exit).toEqual([0, null]);
    const counts = arrivals(receiver);
    expect([...counts.entries()].toSorted(([a], [b]) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => [i, 1]));
  });

  it('exits 1 with the unacknowledged lines in its summary when stopped while the collector is down', async () => {
    const { path, receiver } = await setUp();
    await receiver.stop();
    const file = path('app.log');
    const checkpoint = path('app.checkpoint');
    await writeFile(file, numberedLines(0, 4));
    const ship = logweave(['ship', file, '--endpoint', receiver.url, '--checkpoint', checkpoint, '--poll-interval', '20', '--progress-interval', '50', '--stop-timeout', '200ms']);
    await until(() => / · 4 records waiting \(.*ECONNREFUSED.*\)\n/.test(ship.stderr()), 'a progress line with the records waiting', LIMIT);

    ship.child.kill('SIGTERM');
    expect(await ship.exit).toEqual([1, null]);
    expect(ship.stderr()).toContain('logweave ship: stopped; lines read 4, sent 4, delivered 0, dropped 4 (shutdown 4)');
    expect(ship.stderr()).toContain(`  lines acknowledged 0, lag ${numberedLines(0, 4).length} B; checkpoint ${checkpoint}`);
    expect(ship.stderr()).toContain('  4 lines read were not acknowledged: the next run reads them again from the checkpoint');
    expect(await checkpointOffset(checkpoint)).toBe(-1);
  });

  it('with --queue-dir acknowledges lines once on disk while the collector is down, and a later run delivers them', async () => {
    const { path, receiver } = await setUp();
    await receiver.stop();
    const file = path('app.log');
    const checkpoint = path('app.checkpoint');
    await writeFile(file, numberedLines(0, 5));
    const args = ['ship', file, '--endpoint', receiver.url, '--checkpoint', checkpoint, '--queue-dir', path('queue'), '--poll-interval', '20', '--stop-timeout', '200ms'];
    const first = logweave(args);
    await until(async () => (await checkpointOffset(checkpoint)) === numberedLines(0, 5).length, 'the checkpoint at the end while the collector is down', LIMIT);
    first.child.kill('SIGTERM');
    expect(await first.exit).toEqual([0, null]);
    expect(first.stderr()).toContain('logweave ship: stopped; lines read 5, sent 5, delivered 0, on disk 5, dropped 0');

    await receiver.start();
    const second = logweave(args);
    await until(() => arrivals(receiver).size === 5, 'the lines kept on disk', LIMIT);
    second.child.kill('SIGTERM');
    expect(await second.exit).toEqual([0, null]);
    expect(second.stderr()).toContain('logweave ship: stopped; lines read 0, sent 0, delivered 5, on disk 0, dropped 0');
    expect([...arrivals(receiver).entries()].toSorted(([a], [b]) => a - b)).toEqual(Array.from({ length: 5 }, (_, i) => [i, 1]));
  });
});
