import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEncoder, protobufEncoder, type EncodableRecord } from '../src/encoding/index.ts';
import { batchMessage, messageRecords } from '../src/worker/batch-message.ts';
import { snapshotRecord } from '../src/worker/snapshot.ts';
import { batch, emitBatch } from './encoding/corpus.ts';
import { emit, provider } from './encoding/records.ts';
import { decodeLogsRequest } from '@logweave/testing';

/** What the encode worker receives: the message after a structured clone (the thread boundary). */
function acrossThreads(records: readonly EncodableRecord[]) {
  return messageRecords(structuredClone(batchMessage(records)));
}

describe('snapshotRecord + batchMessage', () => {
  it.each([
    ['protobufEncoder', protobufEncoder, false],
    ['jsonEncoder', jsonEncoder, true],
  ] as const)('encode to the bytes of the records themselves with %s, across a structured clone, for any batch', (_, makeEncoder, jsonSafe) => {
    const encoder = makeEncoder();
    fc.assert(
      fc.property(batch({ jsonSafe }), fc.boolean(), (spec, snapshotFirst) => {
        const records = emitBatch(spec);
        const expected = Buffer.from(encoder.encode(records));
        const snapshots = records.map(snapshotRecord);
        expect(Buffer.from(encoder.encode(acrossThreads(snapshotFirst ? snapshots : records)))).toEqual(expected);
        expect(Buffer.from(encoder.encode(snapshots))).toEqual(expected);
      }),
      { seed: 7, numRuns: 120 },
    );
  }, 60_000);

  it('keeps what was emitted when the body is changed after the snapshot', () => {
    const body = { user: 'bob', tags: ['a'] };
    const [snapshot] = emit({ body }).map(snapshotRecord);
    body.user = 'eve';
    body.tags.push('b');
    Object.assign(body, { password: 'hunter2' });
    expect(snapshot!.body).toEqual({ user: 'bob', tags: ['a'] });
  });

  it('reads a getter once and keeps that answer', () => {
    let reads = 0;
    const snapshots = emit({ body: { get token() { return `read-${++reads}`; } } }).map(snapshotRecord);
    const decoded = decodeLogsRequest(protobufEncoder().encode(acrossThreads(snapshots)), 'protobuf');
    expect(decoded.records[0]!.body).toEqual({ token: 'read-1' });
    expect(reads).toBe(1);
  });

  it('reads a getter of a live record once when the batch is built, and sends that answer', () => {
    let reads = 0;
    // The SDK copies attribute values at emit; the body it keeps by reference, getters and all.
    const records = emit({ body: { user: { get name() { return `read-${++reads}`; } } } });
    const message = batchMessage(records);
    const decoded = decodeLogsRequest(protobufEncoder().encode(messageRecords(structuredClone(message))), 'protobuf');
    expect(decoded.records[0]!.body).toEqual({ user: { name: 'read-1' } });
    expect(reads).toBe(1);
  });

  it('keeps a __proto__ key as an own attribute across the thread boundary', () => {
    const attributes = JSON.parse('{"__proto__":"x","ok":1}') as Record<string, unknown>;
    const records = emit({ body: JSON.parse('{"__proto__":{"a":1}}') as never, attributes: attributes as never });
    const decoded = decodeLogsRequest(protobufEncoder().encode(acrossThreads(records)), 'protobuf');
    expect(decoded.records[0]!.attributes).toEqual(decodeLogsRequest(protobufEncoder().encode(records), 'protobuf').records[0]!.attributes);
    expect(Object.keys(decoded.records[0]!.body as object)).toEqual(['__proto__']);
  });

  it('sends each resource and scope once per batch and groups as the records do', () => {
    const first = provider();
    const second = provider();
    for (const p of [first, second, first]) {
      p.provider.getLogger('http').emit({ body: 'a' });
      p.provider.getLogger('db').emit({ body: 'b' });
    }
    const records = [...first.sink.records, ...second.sink.records];
    const message = batchMessage(records);
    expect(message.resources).toHaveLength(2);
    expect(message.scopes.map((s) => s.name)).toEqual(['http', 'db', 'http', 'db']);
    expect(Buffer.from(protobufEncoder().encode(messageRecords(structuredClone(message))))).toEqual(Buffer.from(protobufEncoder().encode(records)));
  });
});
