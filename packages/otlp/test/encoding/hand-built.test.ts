import { SeverityNumber } from '@opentelemetry/api';
import { copyRecord, type LogRecordLike } from '@logweave/core';
import { decodeLogsRequest } from '@logweave/testing';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { describe, expect, it } from 'vitest';
import { jsonEncoder, officialEncoder, protobufEncoder } from '../../src/encoding/index.ts';
import { emit, inSpan } from './records.ts';

const formats = [
  { kind: 'protobuf', encoder: protobufEncoder },
  { kind: 'json', encoder: jsonEncoder },
] as const;

/** A copy of an SDK record with fields a stage (or a bug) could set, types notwithstanding. */
function changed(fields: Record<string, unknown>): LogRecordLike {
  const [record] = emit({ severityNumber: SeverityNumber.INFO, body: 'GET /cart 200', attributes: { 'user.id': 'u-17' }, context: inSpan() });
  return Object.assign(copyRecord(record!), fields);
}

describe.each(formats)('$kind encoder on hand-built records', ({ kind, encoder }) => {
  function expectOfficial(records: readonly LogRecordLike[]) {
    const actual = decodeLogsRequest(encoder().encode(records), kind);
    expect(actual.message).toEqual(decodeLogsRequest(officialEncoder(kind).encode(records), kind).message);
    expect(actual.unknownFields).toEqual([]);
    return actual;
  }

  it('matches the official on severities and counts outside their types', () => {
    expectOfficial([
      changed({ severityNumber: 9.5 }), changed({ severityNumber: -3 }), changed({ severityNumber: 2 ** 31 - 1 }),
      changed({ severityText: '', eventName: '' }), changed({ droppedAttributesCount: 7 }),
    ]);
  });

  it('matches the official on trace contexts with no flags or odd ids', () => {
    expectOfficial([
      changed({ spanContext: { traceId: '5B8EFFF798038103D269B633813FC60C', spanId: 'EEE19B7EC3C1B174', traceFlags: 0 } }),
      changed({ spanContext: { traceId: '', spanId: '', traceFlags: 3 } }),
    ]);
  });

  it('matches the official on attributes no SDK would keep: dates, maps, class instances, bigints, functions', () => {
    const record = changed({});
    record.setAttributes({ date: new Date(0), map: new Map([['k', 1]]), point: new (class { x = 1 })(), big: 10n, fn: () => 1 } as never);
    expectOfficial([record]);
  });

  it('matches the official when one scope object is shared by two resources', () => {
    const [a, b] = emit({ body: 'a' }, { body: 'b' });
    const other = Object.assign(copyRecord(b!), { resource: resourceFromAttributes({ 'service.name': 'billing' }) });
    const { message } = expectOfficial([a!, other, copyRecord(a!)]);
    expect(message).toMatchObject({ resourceLogs: [{ scopeLogs: [{ logRecords: [{}, {}] }] }, { scopeLogs: [{ logRecords: [{}] }] }] });
  });

  it('returns whole requests, holding at most a quarter more memory, that later batches leave intact', () => {
    const encode = encoder();
    const first = encode.encode(emit({ body: 'first' }));
    const copy = Uint8Array.from(first);
    const large = encode.encode(emit(...Array.from({ length: 5 }, (_, i) => ({ body: `${i}`.repeat(1_000_000) }))));
    const last = encode.encode(emit({ body: 'last' }));
    expect(first).toEqual(copy);
    expect(decodeLogsRequest(first, kind).records.map((r) => r.body)).toEqual(['first']);
    expect(decodeLogsRequest(large, kind).records.map((r) => (r.body as string).length)).toEqual([1e6, 1e6, 1e6, 1e6, 1e6]);
    expect(decodeLogsRequest(last, kind).records.map((r) => r.body)).toEqual(['last']);
    for (const request of [first, large, last]) expect(request.buffer.byteLength).toBeLessThanOrEqual(request.byteLength * 1.25);
  });
});

describe('json encoder on hand-built records', () => {
  it('writes a scope without name or version as the official does', () => {
    const record = Object.assign(changed({}), { instrumentationScope: {} });
    const json = Buffer.from(jsonEncoder().encode([record])).toString();
    expect(json).toContain('"scope":{}');
    expect(decodeLogsRequest(jsonEncoder().encode([record]), 'json').message)
      .toEqual(decodeLogsRequest(officialEncoder('json').encode([record]), 'json').message);
  });

  it('writes every digit of safe integers and times, as the official does', () => {
    const values = [0, 7, 9, 10, 99, 100, 999_999_999, 1e9, 1e15, 2 ** 53 - 1, 9_007_199_254_740_985, -1, -(2 ** 53 - 1)];
    const record = changed({ hrTime: [9_007_199_254, 999_999_999], hrTimeObserved: [1, 0] });
    record.setAttributes(Object.fromEntries(values.map((v) => [String(v), v])));
    const decoded = decodeLogsRequest(jsonEncoder().encode([record]), 'json');
    expect(decoded.message).toEqual(decodeLogsRequest(officialEncoder('json').encode([record]), 'json').message);
    expect(decoded.records[0]).toMatchObject({ timeUnixNano: '9007199254999999999', observedTimeUnixNano: '1000000000' });
  });
});
