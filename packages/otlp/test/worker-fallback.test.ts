import { decodeLogsRequest } from '@logweave/testing';
import { describe, expect, it, vi } from 'vitest';
import { protobufEncoder } from '../src/encoding/index.ts';
import { EncodeWorker, snapshotRecord } from '../src/worker/index.ts';
import { realisticRecords } from './fixtures/worker-records.ts';

// A runtime where starting a worker thread fails (a sandbox, a runtime without them).
vi.mock('node:worker_threads', async (original) => ({
  ...(await original<typeof import('node:worker_threads')>()),
  Worker: class {
    constructor() {
      throw new Error('worker threads are not available here');
    }
  },
}));

describe('EncodeWorker where no worker can start', () => {
  it('encodes in-thread instead, to the same bytes', async () => {
    const worker = new EncodeWorker({ compression: 'none' });
    const records = realisticRecords(20);
    const { bytes, records: count } = await worker.encode(records.map(snapshotRecord));
    expect(count).toBe(20);
    expect(worker.threadId).toBeUndefined();
    expect(Buffer.from(bytes)).toEqual(Buffer.from(protobufEncoder().encode(records)));
    expect(decodeLogsRequest(bytes, 'protobuf').records).toHaveLength(20);
    await worker.close();
    await expect(worker.encode([])).rejects.toThrow('EncodeWorker: closed');
  });
});
