import { context, trace, TraceFlags } from '@opentelemetry/api';
import { LoggerProvider } from '@opentelemetry/sdk-logs';
import { pipeline, type LogRecordLike, type Target } from '@logweave/core';
import { decodeLogsRequest, memorySink } from '@logweave/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { protobufEncoder } from '../src/encoding/index.ts';
import { requestEncoder } from '../src/internal/encode-requests.ts';

/** SDK records, each in the trace given (or none). */
function emit(traces: (number | undefined)[]): LogRecordLike[] {
  const sink = memorySink();
  const logger = new LoggerProvider({ processors: [pipeline({ sink })] }).getLogger('split');
  traces.forEach((t, i) => {
    const ctx = t === undefined
      ? context.active()
      : trace.setSpanContext(context.active(), { traceId: `${'cd'.repeat(12)}${t.toString(16).padStart(8, '0')}`, spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED });
    logger.emit({ body: `r${i}`, context: ctx });
  });
  return [...sink.records];
}

function targetKeyedBy(routingKey?: (record: LogRecordLike) => number): Target {
  const target: Target = { name: 't', encoding: 'protobuf', send: async () => ({ ok: true, rejected: 0, message: '' }), close: async () => {} };
  return routingKey === undefined ? target : { ...target, routingKey };
}

/** A key by trace, as loadBalance by trace id keys: a few keys, 0 without a trace. */
const byTrace = (record: LogRecordLike) => {
  const id = record.spanContext?.traceId;
  return id === undefined ? 0 : (Number.parseInt(id.slice(-8), 16) % 3) + 1;
};

describe('requestEncoder', () => {
  it('sends every record once, in order within its key, one request per key present', () => {
    const encode = requestEncoder(protobufEncoder(), targetKeyedBy(byTrace));
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat({ max: 20 }), { nil: undefined }), { minLength: 1, maxLength: 40 }), (traces) => {
        const records = emit(traces);
        const { requests, unencodable } = encode(records);
        expect(unencodable).toBe(0);
        const keys = requests.map((r) => r.key);
        expect(new Set(keys).size).toBe(keys.length);
        expect(new Set(keys)).toEqual(new Set(records.map(byTrace)));
        for (const request of requests) {
          const bodies = decodeLogsRequest(request.bytes, 'protobuf').records.map((r) => r.body);
          expect(request.records).toBe(bodies.length);
          expect(bodies).toEqual(records.filter((r) => byTrace(r) === request.key).map((r) => r.body));
        }
      }),
      { seed: 19, numRuns: 100 },
    );
  });

  it('makes one request with key 0 for a target that routes nothing by key', () => {
    const records = emit([1, 2, undefined, 3]);
    const { requests } = requestEncoder(protobufEncoder(), targetKeyedBy())(records);
    expect(requests.map((r) => [r.key, r.records])).toEqual([[0, 4]]);
  });

  it('sends a record whose key function throws or gives no usable key with key 0 rather than losing it', () => {
    const records = emit([1, 2, 3]);
    const key = (r: LogRecordLike) => {
      if (r.body === 'r1') throw new Error('bug in a key function');
      return r.body === 'r0' ? 1 : Number.NaN;
    };
    const { requests } = requestEncoder(protobufEncoder(), targetKeyedBy(key))(records);
    expect(requests.map((r) => [r.key, r.records])).toEqual([[1, 1], [0, 2]]);
  });
});
