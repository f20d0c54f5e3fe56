import { SeverityNumber } from '@opentelemetry/api';
import type { LogRecordLike } from '@logweave/core';
import { decodeLogsRequest } from '@logweave/testing';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { describe, expect, it } from 'vitest';
import { jsonEncoder, officialEncoder } from '../../src/encoding/index.ts';
import { emit, inSpan, provider, spanId, traceId } from './records.ts';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');
const decodeJson = (bytes: Uint8Array) => decodeLogsRequest(bytes, 'json');
const attributesOf = (bytes: Uint8Array, kind: 'json' | 'protobuf') => decodeLogsRequest(bytes, kind).records[0]!.attributes;

describe('jsonEncoder', () => {
  it('declares the OTLP/HTTP JSON content type', () => {
    expect(jsonEncoder().contentType).toBe('application/json');
  });

  it('writes OTLP/JSON: hex ids, int64 as decimal strings, severity as a number, an empty body when unset', () => {
    const records = emit(
      { timestamp: [1_760_000_000, 5], severityNumber: SeverityNumber.WARN, attributes: { retries: 3 }, context: inSpan() },
    );
    const json = text(jsonEncoder().encode(records));
    expect(json).toContain(`"traceId":"${traceId}","spanId":"${spanId}"`);
    expect(json).toContain('"timeUnixNano":"1760000000000000005"');
    expect(json).toContain('"severityNumber":13');
    expect(json).toContain('{"key":"retries","value":{"intValue":"3"}}');
    expect(json).toContain('"body":{}');
    expect(decodeJson(jsonEncoder().encode(records)).message).toEqual(decodeJson(officialEncoder('json').encode(records)).message);
  });

  it('writes an empty request for an empty batch, as the official does', () => {
    expect(text(jsonEncoder().encode([]))).toBe(text(officialEncoder('json').encode([])));
  });

  it('writes NaN and ±Infinity as the strings OTLP/JSON specifies, where the official writes null and loses them', () => {
    const records = emit({ body: 'x', attributes: { nan: Number.NaN, up: Infinity, down: -Infinity } });
    const ours = jsonEncoder().encode(records);
    const theirs = officialEncoder('json').encode(records);
    expect(attributesOf(ours, 'json')).toEqual({ nan: Number.NaN, up: Infinity, down: -Infinity });
    expect(attributesOf(ours, 'json')).toEqual(attributesOf(officialEncoder('protobuf').encode(records), 'protobuf'));
    // A collector refuses the whole request on `"doubleValue":null`; protobufjs reads it as no value.
    expect(text(theirs)).toContain('{"key":"nan","value":{"doubleValue":null}}');
    expect(attributesOf(theirs, 'json')).toEqual({ nan: undefined, up: undefined, down: undefined });
  });

  it('writes integers beyond int64 as doubleValue, as the official protobuf does, where the official JSON writes an out-of-range intValue', () => {
    const records = emit({ body: 'x', attributes: { huge: 1e21, low: -(2 ** 64) } });
    const ours = jsonEncoder().encode(records);
    const theirs = officialEncoder('json').encode(records);
    expect(attributesOf(ours, 'json')).toEqual({ huge: 1e21, low: -(2 ** 64) });
    expect(attributesOf(ours, 'json')).toEqual(attributesOf(officialEncoder('protobuf').encode(records), 'protobuf'));
    expect(text(theirs)).toContain('{"key":"huge","value":{"intValue":1e+21}}');
    expect(attributesOf(theirs, 'json')).toEqual({ huge: 2n ** 63n - 1n, low: -(2n ** 63n) });
  });

  it('writes an int64 past 2^53 as its exact decimal, where the official writes a shorter number a decimal parser reads wrong', () => {
    const value = 2 ** 60 + 256;
    const records = emit({ body: 'x', attributes: { big: value } });
    const ours = jsonEncoder().encode(records);
    const theirs = officialEncoder('json').encode(records);
    expect(text(ours)).toContain('{"intValue":"1152921504606847232"}');
    expect(text(theirs)).toContain('{"intValue":1152921504606847200}');
    expect(attributesOf(ours, 'json')).toEqual({ big: BigInt(value) });
    expect(attributesOf(ours, 'json')).toEqual(attributesOf(theirs, 'json'));
  });

  it('writes the resource schema URL on ResourceLogs only, where the official repeats it as an unknown Resource field', () => {
    const { sink, provider: p } = provider(resourceFromAttributes({ 'service.name': 'checkout' }, { schemaUrl: 'https://opentelemetry.io/schemas/1.26.0' }));
    p.getLogger('db').emit({ body: 'x' });
    const records: readonly LogRecordLike[] = sink.records;
    const ours = decodeJson(jsonEncoder().encode(records));
    const theirs = decodeJson(officialEncoder('json').encode(records));
    expect(ours.unknownFields).toEqual([]);
    expect(theirs.unknownFields).toEqual(['resourceLogs[0].resource.schemaUrl']);
    expect(ours.message).toEqual(theirs.message);
    expect(ours.message).toMatchObject({ resourceLogs: [{ schemaUrl: 'https://opentelemetry.io/schemas/1.26.0' }] });
  });

  it('writes the official time even for hand-set times no clock gives', () => {
    const times: Array<[number, number]> = [[-1, -500_000_000], [1.5, 0.75], [0, 2_500_000_000], [2 ** 40, 999_999_999], [0, 7]];
    const records = emit(...times.map((timestamp) => ({ timestamp, observedTimestamp: timestamp, body: 'x' })));
    expect(decodeJson(jsonEncoder().encode(records)).message).toEqual(decodeJson(officialEncoder('json').encode(records)).message);
  });
});
