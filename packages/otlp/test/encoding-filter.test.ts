import { decodeLogsRequest } from '@logweave/testing';
import type { ValueFilter } from '@logweave/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonEncoder, protobufEncoder, type EncodableRecord } from '../src/encoding/index.ts';
import { batch, emitBatch } from './encoding/corpus.ts';
import { emit } from './encoding/records.ts';

/** A filter whose output depends on the value and on the key, so a wrong key shows in the bytes. */
const keyed: ValueFilter = {
  string: (value, key) => (/[0-9a]/.test(value) ? `<${key ?? '-'}:${value.length}>` : value),
  bytes: (value, key) => (key === undefined ? Uint8Array.from(value).reverse() : value.subarray(0, key.length % 5)),
};

/** The reference: the same filter applied to a deep copy, with the nearest key, before any encoding. */
function filtered(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') return keyed.string(value, key);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Uint8Array) return keyed.bytes!(value, key);
  if (Array.isArray(value)) return Array.from({ length: value.length }, (_, i) => filtered(value[i], key));
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(value)) copy[k] = filtered((value as Record<string, unknown>)[k], k);
  return copy;
}

function filteredCopy(record: EncodableRecord): EncodableRecord {
  const attributes: Record<string, unknown> = {};
  for (const key of Object.keys(record.attributes)) attributes[key] = filtered(record.attributes[key], key);
  return {
    hrTime: record.hrTime, hrTimeObserved: record.hrTimeObserved, resource: record.resource,
    instrumentationScope: record.instrumentationScope, severityNumber: record.severityNumber, severityText: record.severityText,
    eventName: record.eventName, droppedAttributesCount: record.droppedAttributesCount, attributes,
    ...(record.spanContext === undefined ? {} : { spanContext: record.spanContext }),
    ...(record.body === undefined ? {} : { body: filtered(record.body, undefined) }),
  };
}

const bytesOf = (bytes: Uint8Array) => Buffer.from(bytes);

describe.each([
  ['protobufEncoder', protobufEncoder, false],
  ['jsonEncoder', jsonEncoder, true],
] as const)('%s({ filter })', (_, makeEncoder, jsonSafe) => {
  it('writes the bytes of filtering a deep copy first, then encoding without a filter, for any batch', () => {
    const withFilter = makeEncoder({ filter: keyed });
    const without = makeEncoder();
    fc.assert(
      fc.property(batch({ jsonSafe }), (spec) => {
        const records = emitBatch(spec);
        expect(bytesOf(withFilter.encode(records))).toEqual(bytesOf(without.encode(records.map(filteredCopy))));
      }),
      { seed: 21, numRuns: 150 },
    );
  }, 60_000);

  it('gives the filter each body and attribute string with its nearest key, and nothing of resource, scope, severity or event name', () => {
    const seen: Array<[string, string | undefined]> = [];
    const encoder = makeEncoder({ filter: { string: (value, key) => (seen.push([value, key]), value) } });
    encoder.encode(emit(
      { body: { user: { password: 'p', roles: ['admin', { level: 'l' }] }, top: 't' }, attributes: { 'url.path': '/x', tags: ['a'] }, severityText: 'INFO', eventName: 'e' },
      { body: 'plain' },
      { body: ['first', { k: 'v' }] },
    ));
    expect(seen).toEqual([
      ['p', 'password'], ['admin', 'roles'], ['l', 'level'], ['t', 'top'], ['/x', 'url.path'], ['a', 'tags'],
      ['plain', undefined],
      ['first', undefined], ['v', 'k'],
    ]);
  });

  it('writes a getter as it read it once, though it answers differently on a second read', () => {
    let reads = 0;
    const body = { get token() { return reads++ === 0 ? 'secret-1' : 'public'; } };
    const encoder = makeEncoder({ filter: { string: (value) => value.replace(/secret-\d/, '***') } });
    const [record] = emit({ body });
    const decoded = decodeLogsRequest(encoder.encode([record!]), jsonSafe ? 'json' : 'protobuf');
    expect(decoded.records[0]!.body).toEqual({ token: '***' });
    expect(reads).toBe(1);
  });

  it('writes what a Proxy answered to its one read of each value', () => {
    const answers = ['card 4111', 'clean'];
    let gets = 0;
    const body = new Proxy({ note: '' }, { get: () => answers[gets++] });
    const encoder = makeEncoder({ filter: { string: (value) => value.replace(/\d+/g, '#') } });
    const decoded = decodeLogsRequest(encoder.encode(emit({ body })), jsonSafe ? 'json' : 'protobuf');
    expect(decoded.records[0]!.body).toEqual({ note: 'card #' });
    expect(gets).toBe(1);
  });

  it('filters a value added to the body after emit (the redaction bypass of issue 21)', () => {
    const body: Record<string, string> = { user: 'bob' };
    const records = emit({ body });
    body.password = 'hunter2';
    const encoder = makeEncoder({ filter: { string: (value, key) => (key === 'password' ? '[REDACTED]' : value) } });
    const decoded = decodeLogsRequest(encoder.encode(records), jsonSafe ? 'json' : 'protobuf');
    expect(decoded.records[0]!.body).toEqual({ user: 'bob', password: '[REDACTED]' });
  });

  it('refuses at set-up a filter that is not a ValueFilter, naming the encoder and the option', () => {
    expect(() => makeEncoder({ filter: (() => 'x') as never })).toThrow(new TypeError(`${_}: filter must be a ValueFilter (an object with a string(value, key) method)`));
    expect(() => makeEncoder({ filter: { string: (v: string) => v, bytes: 1 } as never })).toThrow(TypeError);
  });
});
