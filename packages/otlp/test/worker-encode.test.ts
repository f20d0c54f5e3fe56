import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { copyRecord } from '@logweave/core';
import { decodeLogsRequest } from '@logweave/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonEncoder, protobufEncoder } from '../src/encoding/index.ts';
import { EncodeWorker, InThreadEncoder, snapshotRecord, type BatchEncoder, type BatchEncoderOptions } from '../src/worker/index.ts';
import { maskFilter, type MaskOptions } from './fixtures/worker-filter.ts';
import { realisticRecords } from './fixtures/worker-records.ts';

const FILTER_MODULE = pathToFileURL(new URL('./fixtures/worker-filter.ts', import.meta.url).pathname).href;
const MASK: MaskOptions = { keys: ['password'], mask: '[MASKED]' };
const maskSpec = (options: Partial<MaskOptions> = {}) => ({ module: FILTER_MODULE, export: 'maskFilter', options: { ...MASK, ...options } });

const gunzip = promisify(zlib.gunzip);
const unzstd = promisify(zlib.zstdDecompress);
const decompress = (bytes: Uint8Array, encoding: string | undefined) =>
  encoding === 'gzip' ? gunzip(bytes) : encoding === 'zstd' ? unzstd(bytes) : Promise.resolve(Buffer.from(bytes));

const opened: BatchEncoder[] = [];
function open<T extends BatchEncoder>(encoder: T): T {
  opened.push(encoder);
  return encoder;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((encoder) => encoder.close()));
});

describe('EncodeWorker', () => {
  it.each<[string, BatchEncoderOptions]>([
    ['protobuf, none', { encoding: 'protobuf' }],
    ['protobuf, gzip 1', { encoding: 'protobuf', compression: 'gzip', compressionLevel: 1 }],
    ['protobuf, zstd', { encoding: 'protobuf', compression: 'zstd' }],
    ['json, gzip', { encoding: 'json', compression: 'gzip' }],
  ])('writes the bytes of in-thread encoding with the filter, then compression (%s)', async (_, options) => {
    const records = realisticRecords(600);
    const worker = open(new EncodeWorker({ ...options, filter: maskSpec() }));
    const inThread = open(new InThreadEncoder({ ...options, filter: maskSpec() }));
    const [fromWorker, fromThread] = await Promise.all([
      worker.encode(records),
      inThread.encode(records.map(snapshotRecord)),
    ]);
    const encoder = options.encoding === 'json' ? jsonEncoder({ filter: maskFilter(MASK) }) : protobufEncoder({ filter: maskFilter(MASK) });
    const expected = Buffer.from(encoder.encode(records));
    expect(fromWorker.records).toBe(600);
    expect(await decompress(fromWorker.bytes, worker.contentEncoding)).toEqual(expected);
    expect(Buffer.from(fromWorker.bytes)).toEqual(Buffer.from(fromThread.bytes));
    const bodies = decodeLogsRequest(expected, options.encoding ?? 'protobuf').records.map((r) => JSON.stringify(r.body));
    expect(bodies.filter((body) => body.includes('hunter2') || body.includes('4111'))).toEqual([]);
    expect(bodies.filter((body) => body.includes('[MASKED]')).length).toBeGreaterThan(60);
  });

  it('rejects the batch of a worker that dies mid-batch, then encodes the next one in a new worker', async () => {
    const worker = open(new EncodeWorker({ filter: maskSpec({ exitOn: 'crash-the-worker' }) }));
    await worker.encode(realisticRecords(3).map(snapshotRecord));
    const firstThread = worker.threadId;
    const poisoned = realisticRecords(50);
    poisoned[25] = copyRecord(poisoned[25]!).setBody('crash-the-worker');
    await expect(worker.encode(poisoned)).rejects.toThrow(/^EncodeWorker: the encode worker stopped \(exit code 7\) before it answered; the batch was not encoded$/);
    const next = await worker.encode(realisticRecords(10).map(snapshotRecord));
    expect(decodeLogsRequest(next.bytes, 'protobuf').records).toHaveLength(10);
    expect(worker.threadId).not.toBe(firstThread);
  });

  it('rejects the batch whose filter throws and keeps the worker', async () => {
    const worker = open(new EncodeWorker({ filter: maskSpec({ throwOn: 'refuse-me' }) }));
    await worker.encode(realisticRecords(1).map(snapshotRecord));
    const thread = worker.threadId;
    const refused = realisticRecords(2);
    refused[1] = copyRecord(refused[1]!).setBody('refuse-me');
    await expect(worker.encode(refused)).rejects.toThrow('EncodeWorker: refused refuse-me');
    await expect(worker.encode(realisticRecords(2).map(snapshotRecord))).resolves.toMatchObject({ records: 2 });
    expect(worker.threadId).toBe(thread);
  });

  it.each([
    [{ module: FILTER_MODULE, export: 'missing' }, /the filter .*worker-filter\.ts#missing is not a ValueFilter/],
    [{ module: FILTER_MODULE, export: 'notAFilter' }, /is not a ValueFilter/],
    [{ module: '/nowhere/filter.js' }, /^EncodeWorker: cannot import the filter file:\/\/\/nowhere\/filter\.js#default/],
  ])('rejects every batch with why when the filter cannot be loaded (%o)', async (filter, message) => {
    const worker = open(new EncodeWorker({ filter }));
    await expect(worker.encode(realisticRecords(1).map(snapshotRecord))).rejects.toThrow(message);
    await expect(worker.encode(realisticRecords(1).map(snapshotRecord))).rejects.toThrow(message);
  });

  it('uses a filter exported as an object', async () => {
    const worker = open(new EncodeWorker({ encoding: 'json', filter: { module: FILTER_MODULE, export: 'upperFilter' } }));
    const { bytes } = await worker.encode(realisticRecords(1).map(snapshotRecord));
    expect(decodeLogsRequest(bytes, 'json').records[0]!.body).toMatchObject({ msg: 'REQUEST COMPLETED' });
  });

  it.each([1, 2])('hands the worker at most maxInFlightBatches (%i) batches; the next waits for an answer', async (maxInFlightBatches) => {
    const worker = open(new EncodeWorker({ maxInFlightBatches }));
    const answers = [500, 5, 5].map((count) => worker.encode(realisticRecords(count)));
    await Promise.resolve();
    expect(worker.batchesInWorker).toBe(maxInFlightBatches);
    await expect(Promise.all(answers)).resolves.toMatchObject([{ records: 500 }, { records: 5 }, { records: 5 }]);
    expect(worker.batchesInWorker).toBe(0);
  });

  it('encodes what the records held when encode() was called, whatever changes after', async () => {
    const body: Record<string, unknown> = { user: 'bob' };
    const records = realisticRecords(1);
    records[0] = copyRecord(records[0]!).setBody(body as never);
    const answer = open(new EncodeWorker({ encoding: 'json' })).encode(records);
    body.password = 'hunter2';
    const { bytes } = await answer;
    expect(decodeLogsRequest(bytes, 'json').records[0]!.body).toEqual({ user: 'bob' });
  });

  it('close() is idempotent, rejects the batches not answered and later calls, and leaves no worker behind', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Worker' || r === 'MessagePort').length;
    const worker = new EncodeWorker({ compression: 'gzip' });
    const pending = worker.encode(realisticRecords(2000).map(snapshotRecord));
    const rejected = expect(pending).rejects.toThrow('EncodeWorker: closed before the batch was encoded');
    const closing = worker.close();
    expect(worker.close()).toBe(closing);
    await closing;
    await rejected;
    await expect(worker.encode([])).rejects.toThrow('EncodeWorker: closed');
    expect(worker.threadId).toBeUndefined();
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Worker' || r === 'MessagePort').length).toBe(before);
  });

  it('does not keep the process alive once its batches are answered, even when never closed', () => {
    const child = spawnSync(process.execPath, [fileURLToPath(new URL('./fixtures/worker-exit-child.ts', import.meta.url))], { encoding: 'utf8', timeout: 60_000 });
    expect({ status: child.status, signal: child.signal, stdout: child.stdout }).toEqual({ status: 0, signal: null, stdout: 'encoded 100\n' });
  }, 70_000);

  it('refuses bad options at set-up with a TypeError naming the component and the option', () => {
    expect(() => new EncodeWorker({ compression: 'brotli' as never })).toThrow(/^EncodeWorker: compression must be/);
    expect(() => new EncodeWorker({ compression: 'gzip', compressionLevel: 12 })).toThrow(/^EncodeWorker: compressionLevel for gzip/);
    expect(() => new EncodeWorker({ maxInFlightBatches: 0 })).toThrow('EncodeWorker: maxInFlightBatches must be an integer ≥ 1; got 0');
    expect(() => new InThreadEncoder({ encoding: 'xml' as never })).toThrow("InThreadEncoder: encoding must be 'protobuf' or 'json'; got xml");
    expect(() => new EncodeWorker({ filter: { module: './redact.js' } })).toThrow("EncodeWorker: filter.module ./redact.js is relative; pass import.meta.resolve('./redact.js') instead");
    expect(() => new EncodeWorker({ filter: { module: FILTER_MODULE, options: { f: () => 1 } } })).toThrow(/^EncodeWorker: filter.options must survive a structured clone/);
  });
});
