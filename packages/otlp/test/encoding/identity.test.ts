import { decodeLogsRequest } from '@logweave/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEncoder, officialEncoder, protobufEncoder } from '../../src/encoding/index.ts';
import { batch, emitBatch } from './corpus.ts';

describe('protobufEncoder', () => {
  it('writes the bytes of the official serializer for any batch of SDK records', () => {
    const ours = protobufEncoder();
    const official = officialEncoder('protobuf');
    fc.assert(
      fc.property(batch({ jsonSafe: false }), (spec) => {
        const records = emitBatch(spec);
        const expected = official.encode(records);
        const actual = ours.encode(records);
        expect(decodeLogsRequest(actual, 'protobuf').message).toEqual(decodeLogsRequest(expected, 'protobuf').message);
        expect(Buffer.from(actual).equals(Buffer.from(expected))).toBe(true);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('jsonEncoder', () => {
  it('decodes to what the official serializer writes, with no unknown field, for any batch of SDK records', () => {
    const ours = jsonEncoder();
    const official = officialEncoder('json');
    fc.assert(
      fc.property(batch({ jsonSafe: true }), (spec) => {
        const records = emitBatch(spec);
        const actual = decodeLogsRequest(ours.encode(records), 'json');
        expect(actual.message).toEqual(decodeLogsRequest(official.encode(records), 'json').message);
        expect(actual.unknownFields).toEqual([]);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
