import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, readFile, rename, truncate, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedLogRecord } from '@logweave/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { numberedLines, tempDirectory, until } from './ship-helpers.ts';

const BIN = fileURLToPath(new URL('../bin/logweave-ship.ts', import.meta.url));

let cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function setUp() {
  const dir = await tempDirectory();
  const receiver = await startOtlpReceiver();
  cleanup.push(dir.remove, () => receiver.close());
  return { dir, receiver };
}

function start(args: string[]): { child: ChildProcess; exit: Promise<unknown[]>; stderr: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = once(child, 'exit');
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exit;
  });
  return { child, exit, stderr: () => stderr };
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

async function checkpointOffset(file: string): Promise<number> {
  const saved = JSON.parse(await readFile(file, 'utf8')) as { files: { offset: number }[] };
  return saved.files[0]!.offset;
}

// Child processes start slowly on a busy machine: generous limits for failure, no timing asserted.
const LIMIT = 20_000;

describe('logweave-ship', { timeout: 60_000 }, () => {
  it('ships the lines of a file, parsed, to an OTLP endpoint, and checkpoints on SIGTERM', async () => {
    const { dir, receiver } = await setUp();
    const file = dir.path('app.log');
    const checkpoint = dir.path('app.checkpoint');
    await writeFile(file, `${numberedLines(0, 2)}{"level":"error","msg":"payment failed","time":"2026-11-20T06:25:03.5Z"}\n`);
    const shipper = start([file, '--endpoint', receiver.url, '--checkpoint', checkpoint, '--poll-interval', '20', '--protocol', 'http/json']);

    const records: ReceivedLogRecord[] = await receiver.waitForRecords(3, LIMIT);
    expect(records.map((r) => [r.body, r.severityNumber])).toEqual([['order 0', 9], ['order 1', 9], ['payment failed', 17]]);
    expect(records[2]!.timeUnixNano).toBe('1795155903500000000');
    expect(records[0]!.attributes).toEqual({ seq: '0', 'log.file.path': file, 'log.file.name': 'app.log' });
    expect(records[0]!.scope.name).toBe('@logweave/parse');
    expect(receiver.requests[0]!.encoding).toBe('json');

    shipper.child.kill('SIGTERM');
    expect(await shipper.exit).toEqual([0, null]);
    expect(await checkpointOffset(checkpoint)).toBe((await readFile(file)).length);
    expect(shipper.stderr()).toContain('logweave-ship: sent 3 lines (0 unparsed), stopped');
  });

  it('neither loses lines nor repeats those before the checkpoint when killed with SIGKILL and restarted', async () => {
    const { dir, receiver } = await setUp();
    const file = dir.path('app.log');
    const checkpoint = dir.path('app.checkpoint');
    const args = [file, '--endpoint', receiver.url, '--checkpoint', checkpoint, '--poll-interval', '20'];
    await writeFile(file, numberedLines(0, 200));
    const first = start(args);
    await receiver.waitForRecords(200, LIMIT);
    await until(async () => (await checkpointOffset(checkpoint).catch(() => 0)) === numberedLines(0, 200).length, 'the first checkpoint', LIMIT);

    await appendFile(file, numberedLines(200, 300));
    await until(() => receiver.records().length > 200, 'some of the appended lines', LIMIT);
    first.child.kill('SIGKILL');
    await first.exit;
    const offset = await checkpointOffset(checkpoint);
    const content = await readFile(file, 'utf8');
    const checkpointed = content.slice(0, offset).split('\n').length - 1;

    await appendFile(file, numberedLines(500, 100));
    const second = start(args);
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
    const { dir, receiver } = await setUp();
    const file = dir.path('app.log');
    const shipper = start([file, '--endpoint', receiver.url, '--checkpoint', dir.path('cp'), '--poll-interval', '20']);
    await writeFile(file, numberedLines(0, 5));
    await receiver.waitForRecords(5, LIMIT);

    await rename(file, `${file}.1`);
    await writeFile(file, numberedLines(5, 5));
    await receiver.waitForRecords(10, LIMIT);
    await truncate(file, 0);
    await appendFile(file, numberedLines(10, 2, 'o'));
    await receiver.waitForRecords(12, LIMIT);

    shipper.child.kill('SIGTERM');
    expect(await shipper.exit).toEqual([0, null]);
    const counts = arrivals(receiver);
    expect([...counts.entries()].toSorted(([a], [b]) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => [i, 1]));
  });

  it('exits 2 with the usage on missing files, a bad option or a bad value', async () => {
    const cases: [string[], string][] = [
      [[], 'at least one file is required'],
      [['a.log', '--bogus'], "Unknown option '--bogus'"],
      [['a.log', '--format', 'yaml'], "shipFiles: format[0] must be one of auto, json, logfmt, kv, syslog, clf or { regex }; got 'yaml'"],
      [['a.log', '--protocol', 'grpc'], "otlpSink: protocol must be 'http/protobuf' or 'http/json'"],
      [['a.log', '--poll-interval', 'soon'], 'shipFiles: pollIntervalMs must be a positive integer'],
    ];
    const runs = cases.map(([args]) => start(args));
    const codes = await Promise.all(runs.map(async (run) => (await run.exit)[0]));
    expect(codes).toEqual([2, 2, 2, 2, 2]);
    runs.forEach((run, i) => {
      expect(run.stderr()).toContain(cases[i]![1]);
      expect(run.stderr()).toContain('usage: logweave-ship <files…>');
    });
  });
});
