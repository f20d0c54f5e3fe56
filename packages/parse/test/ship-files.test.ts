import { appendFile, readFile, rename, truncate, writeFile } from 'node:fs/promises';
import { pipeline, type LogRecordLike, type Sink } from '@logweave/core';
import { memorySink } from '@logweave/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { shipFiles, type FileShipper, type ShipFilesOptions } from '../src/index.ts';
import { numberedLines, tempDirectory, until } from './ship-helpers.ts';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function setUp() {
  const dir = await tempDirectory();
  cleanup.push(dir.remove);
  return dir;
}

function ship(options: ShipFilesOptions): FileShipper {
  const shipper = shipFiles({ pollIntervalMillis: 20, rotateWaitMillis: 100, ...options });
  cleanup.push(() => shipper.stop());
  return shipper;
}

const seqs = (records: readonly LogRecordLike[]) => records.map((r) => Number(r.attributes['seq']));
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('shipFiles', { timeout: 20_000 }, () => {
  it('sends each whole line, parsed, with log.file.path and log.file.name, and keeps a partial last line waiting', async () => {
    const dir = await setUp();
    const file = dir.path('app.log');
    await writeFile(file, 'level=info msg="one"\r\n\nlevel=warn msg="two"\npartial');
    const sink = memorySink();
    const shipper = ship({ files: [file], sink });

    await sink.waitFor(2, 15_000);
    expect(sink.records.map((r) => [r.body, r.severityNumber])).toEqual([['one', 9], ['two', 13]]);
    expect(sink.records[0]!.attributes).toEqual({ 'log.file.path': file, 'log.file.name': 'app.log' });
    await appendFile(file, ' line\n');
    await sink.waitFor(3, 15_000);
    expect(sink.records[2]!.body).toBe('partial line');
    expect(shipper.stats()).toMatchObject({ linesRead: 3, emptyLines: 1, parse: { parsed: { logfmt: 2 }, unparsed: 1 } });
  });

  it('follows a rename: reads the old file to its end, late writes included, then the new file from its start', async () => {
    const dir = await setUp();
    const file = dir.path('app.log');
    await writeFile(file, numberedLines(0, 3));
    const sink = memorySink();
    const shipper = ship({ files: [file], sink, rotateWaitMillis: 2000 });
    await sink.waitFor(3, 15_000);

    await rename(file, `${file}.1`);
    await appendFile(`${file}.1`, numberedLines(3, 2));
    await writeFile(file, numberedLines(5, 2));
    await sink.waitFor(7, 15_000);

    expect(seqs(sink.records).toSorted((a, b) => a - b)).toEqual(range(0, 7));
    expect(shipper.stats()).toMatchObject({ linesRead: 7, rotations: 1 });
  });

  it('reads a file truncated in place (copytruncate) again from its start', async () => {
    const dir = await setUp();
    const file = dir.path('app.log');
    await writeFile(file, numberedLines(0, 5));
    const sink = memorySink();
    const shipper = ship({ files: [file], sink });
    await sink.waitFor(5, 15_000);

    await truncate(file, 0);
    await appendFile(file, numberedLines(5, 2, 'o'));
    await sink.waitFor(7, 15_000);
    expect(seqs(sink.records)).toEqual(range(0, 7));
    expect(shipper.stats()).toMatchObject({ truncations: 1, rotations: 0 });
  });

  it('resumes after a restart at the checkpoint: nothing lost, nothing sent twice', async () => {
    const dir = await setUp();
    const file = dir.path('app.log');
    const checkpointFile = dir.path('checkpoint.json');
    await writeFile(file, numberedLines(0, 4));
    const first = memorySink();
    const shipper = shipFiles({ files: [file], sink: first, checkpointFile, pollIntervalMillis: 20 });
    await first.waitFor(4, 15_000);
    await shipper.stop();
    const saved = JSON.parse(await readFile(checkpointFile, 'utf8')) as { files: { path: string; offset: number }[] };
    expect(saved.files).toEqual([expect.objectContaining({ path: file, offset: numberedLines(0, 4).length })]);

    await appendFile(file, numberedLines(4, 3));
    const second = memorySink();
    const again = shipFiles({ files: [file], sink: second, checkpointFile, pollIntervalMillis: 20 });
    await second.waitFor(3, 15_000);
    await again.stop();
    expect(seqs(second.records)).toEqual([4, 5, 6]);
  });

  it('reads a file rotated while it was stopped from its checkpoint, then the new file', async () => {
    const dir = await setUp();
    const file = dir.path('app.log');
    const checkpointFile = dir.path('checkpoint.json');
    await writeFile(file, numberedLines(0, 3));
    const first = memorySink();
    const shipper = shipFiles({ files: [file], sink: first, checkpointFile, pollIntervalMillis: 20 });
    await first.waitFor(3, 15_000);
    await shipper.stop();

    await appendFile(file, numberedLines(3, 2));
    await rename(file, `${file}-20261120`);
    await writeFile(file, numberedLines(5, 2));
    const second = memorySink();
    ship({ files: [file], sink: second, checkpointFile });
    await second.waitFor(4, 15_000);
    expect(seqs(second.records).toSorted((a, b) => a - b)).toEqual([3, 4, 5, 6]);
    expect(second.records.find((r) => r.attributes['seq'] === '3')!.attributes['log.file.path']).toBe(file);
  });

  it('stops reading and keeps the checkpoint where it was while the sink still holds records', async () => {
    const dir = await setUp();
    const file = dir.path('app.log');
    const checkpointFile = dir.path('checkpoint.json');
    await writeFile(file, numberedLines(0, 2));
    const received: LogRecordLike[] = [];
    let queued = 1;
    const slowSink: Sink & { stats(): { queued: number; inFlight: number } } = {
      onEmit: (record) => void received.push(record),
      forceFlush: async () => {},
      shutdown: async () => {},
      stats: () => ({ queued, inFlight: 0 }),
    };
    const shipper = ship({ files: [file], sink: slowSink, checkpointFile });
    await until(() => shipper.stats().deferredCommits >= 2, 'two deferred commits');
    await appendFile(file, numberedLines(2, 2));
    const deferred = shipper.stats().deferredCommits;
    await until(() => shipper.stats().deferredCommits >= deferred + 2, 'two more deferred commits');

    expect(seqs(received)).toEqual([0, 1]);
    await expect(readFile(checkpointFile, 'utf8')).rejects.toThrow('ENOENT');
    queued = 0;
    await until(() => received.length === 4, 'the lines after the sink caught up');
    await until(() => shipper.stats().checkpoints > 0, 'a checkpoint');
    expect(seqs(received)).toEqual([0, 1, 2, 3]);
  });

  it('reads at most commitBytes (up to the line that crosses it) before the sink has taken them', async () => {
    const dir = await setUp();
    const file = dir.path('app.log');
    await writeFile(file, numberedLines(0, 10));
    const received: LogRecordLike[] = [];
    let queued = 1;
    const slowSink: Sink & { stats(): object } = {
      onEmit: (record) => void received.push(record),
      forceFlush: async () => {},
      shutdown: async () => {},
      stats: () => ({ queued, inFlight: 0, droppedBy: {} }),
    };
    const lineBytes = numberedLines(0, 1).length;
    const shipper = ship({ files: [file], sink: slowSink, commitBytes: 3 * lineBytes + 1 });
    await until(() => shipper.stats().deferredCommits >= 2, 'two deferred commits');

    expect(seqs(received)).toEqual([0, 1, 2, 3]);
    expect(shipper.stats()).toMatchObject({ linesRead: 4, linesAcknowledged: 0, lagBytes: 10 * lineBytes });
    queued = 0;
    await until(() => shipper.stats().linesAcknowledged === 10, 'every line acknowledged');
    expect(seqs(received)).toEqual(range(0, 10));
    expect(shipper.stats()).toMatchObject({ linesRead: 10, lagBytes: 0 });
  });

  it('reads a step again from the last acknowledged line when the sink refused records of it (queue-full)', async () => {
    const dir = await setUp();
    const file = dir.path('app.log');
    const checkpointFile = dir.path('checkpoint.json');
    await writeFile(file, numberedLines(0, 6));
    const taken: LogRecordLike[] = [];
    let refused = 0;
    let full = true;
    // Takes two records of the first step and refuses the rest, as a full queue does; then, flushed, takes everything.
    const fullOnce: Sink & { stats(): object } = {
      onEmit: (record) => void (full && taken.length >= 2 ? refused++ : taken.push(record)),
      forceFlush: async () => void (full = false),
      shutdown: async () => {},
      stats: () => ({ queued: 0, inFlight: 0, droppedBy: { 'queue-full': refused } }),
    };
    const shipper = ship({ files: [file], sink: fullOnce, checkpointFile });
    await until(() => shipper.stats().linesAcknowledged === 6, 'every line acknowledged');
    await shipper.stop();

    expect(seqs(taken)).toEqual([0, 1, 0, 1, 2, 3, 4, 5]);
    expect(shipper.stats()).toMatchObject({ rewinds: 1, linesRead: 12, linesAcknowledged: 6 });
    const saved = JSON.parse(await readFile(checkpointFile, 'utf8')) as { files: { offset: number }[] };
    expect(saved.files[0]!.offset).toBe(numberedLines(0, 6).length);
  });

  it('cuts lines longer than maxLineBytes, keeps characters split across reads whole, and drops CR', async () => {
    const dir = await setUp();
    const file = dir.path('app.log');
    await writeFile(file, `héllo wörld ✓\r\n${'x'.repeat(100)}\nnext\n`);
    const sink = memorySink();
    const shipper = ship({ files: [file], sink, format: 'none', chunkBytes: 3, maxLineBytes: 20 });
    await sink.waitFor(3, 15_000);
    expect(sink.bodies()).toEqual(['héllo wörld ✓', 'x'.repeat(20), 'next']);
    expect(shipper.stats()).toMatchObject({ truncatedLines: 1, parse: undefined });
  });

  it('sends lines through a pipeline of your own, and starts at the end on a first run with startAt end', async () => {
    const dir = await setUp();
    const file = dir.path('app.log');
    await writeFile(file, '{"msg":"old"}\n');
    const sink = memorySink();
    const tagged = pipeline({ stages: [{ name: 'tag', process: (r) => void r.setAttribute('deployment.environment.name', 'prod') }], sink });
    const shipper = ship({ files: [file], pipeline: tagged, startAt: 'end' });
    await until(() => shipper.stats().files[0]!.offset !== undefined, 'the file to be opened');
    await appendFile(file, '{"msg":"new","level":"error"}\n');
    await sink.waitFor(1, 15_000);
    expect(sink.records.map((r) => [r.body, r.severityNumber, r.attributes['deployment.environment.name']])).toEqual([['new', 17, 'prod']]);
  });

  it('picks a file up when it appears', async () => {
    const dir = await setUp();
    const file = dir.path('later.log');
    const sink = memorySink();
    ship({ files: [file], sink });
    await writeFile(file, numberedLines(0, 2));
    await sink.waitFor(2, 15_000);
    expect(seqs(sink.records)).toEqual([0, 1]);
  });

  it.each([
    [{ files: [] }, 'shipFiles: files must be a non-empty array of paths'],
    [{ files: ['a', './a'] }, 'shipFiles: files lists one path twice'],
    [{ files: ['a'] }, 'shipFiles: give exactly one of sink or pipeline'],
    [{ files: ['a'], sink: {}, pipeline: {} }, 'shipFiles: give exactly one of sink or pipeline'],
    [{ files: ['a'], sink: {} }, 'shipFiles: sink / pipeline must be a LogRecordProcessor (onEmit, forceFlush, shutdown)'],
    [{ files: ['a'], sink: memorySink(), format: ['yaml'] }, "shipFiles: format[0] must be one of auto, json, logfmt, kv, syslog, clf or { regex }; got 'yaml'"],
    [{ files: ['a'], sink: memorySink(), pollIntervalMillis: 0 }, 'shipFiles: pollIntervalMillis must be a positive integer; got 0'],
    [{ files: ['a'], sink: memorySink(), startAt: 'middle' }, "shipFiles: startAt must be 'beginning' or 'end'"],
    [{ files: ['a'], sink: memorySink(), parse: { timezone: 'CET' } }, "parseBody: timezone must be 'local' or 'UTC'; got CET"],
  ])('refuses %j with a TypeError', (options, message) => {
    expect(() => shipFiles(options as never)).toThrow(new TypeError(message));
  });
});
