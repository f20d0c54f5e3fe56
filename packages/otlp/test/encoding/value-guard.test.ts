import { copyRecord } from '@logweave/core';
import { decodeLogsRequest } from '@logweave/testing';
import { describe, expect, it } from 'vitest';
import { jsonEncoder, protobufEncoder } from '../../src/encoding/index.ts';
import { emit } from './records.ts';

const formats = [
  { kind: 'protobuf', encoder: protobufEncoder },
  { kind: 'json', encoder: jsonEncoder },
] as const;

function withBody(body: unknown) {
  const [record] = emit({ body: 'placeholder' });
  return Object.assign(copyRecord(record!), { body });
}

describe.each(formats)('$kind encoder on values the official serializer throws on', ({ kind, encoder }) => {
  it('writes a value that contains itself as "[circular]" and keeps the rest of the batch', () => {
    const order: Record<string, unknown> = { id: 7, lines: [1, 2] };
    order['self'] = order;
    const records = decodeLogsRequest(encoder().encode([withBody(order), withBody('next')]), kind).records;
    expect(records.map((r) => r.body)).toEqual([{ id: 7, lines: [1, 2], self: '[circular]' }, 'next']);
  });

  it('keeps a value seen twice side by side: only a value inside itself is a cycle', () => {
    const shared = { a: 1 };
    const records = decodeLogsRequest(encoder().encode([withBody({ x: shared, y: [shared] })]), kind).records;
    expect(records[0]!.body).toEqual({ x: { a: 1 }, y: [{ a: 1 }] });
  });

  it('cuts nesting deeper than 128 levels with "[nested too deep]"', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 10_000; i++) deep = { d: deep };
    let body = decodeLogsRequest(encoder().encode([withBody(deep)]), kind).records[0]!.body as Record<string, unknown>;
    let depth = 0;
    while (typeof body === 'object') {
      body = body['d'] as Record<string, unknown>;
      depth++;
    }
    expect([depth, body]).toEqual([128, '[nested too deep]']);
  });

  it('writes a property whose getter throws as "[unreadable]"', () => {
    const body = { ok: true, get secret(): string { throw new Error('no'); } };
    const records = decodeLogsRequest(encoder().encode([withBody(body)]), kind).records;
    expect(records[0]!.body).toEqual({ ok: true, secret: '[unreadable]' });
  });
});
