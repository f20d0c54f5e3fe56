import { ROOT_CONTEXT, SeverityNumber, trace, TraceFlags } from '@opentelemetry/api';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, type LogRecordProcessor, type ReadWriteLogRecord } from '@opentelemetry/sdk-logs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLogsRequest, decodeLogsResponse, encodeLogsResponse, OtlpDecodeError } from '../src/index.ts';

const TRACE_ID = '5b8efff798038103d269b633813fc60c';
const SPAN_ID = 'eee19b7ec3c1b174';

/** Records as the SDK hands them to an exporter, for the official serializers. */
function sdkRecords() {
  const emitted: ReadWriteLogRecord[] = [];
  const keep: LogRecordProcessor = { onEmit: (record) => void emitted.push(record), forceFlush: async () => {}, shutdown: async () => {} };
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ 'service.name': 'billing' }), processors: [keep] });
  const context = trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: TraceFlags.SAMPLED });
  provider.getLogger('billing.jobs', '2.0.0').emit({
    severityNumber: SeverityNumber.WARN,
    severityText: 'WARN',
    body: { invoice: 42, tags: ['a', 1.5], raw: new Uint8Array([1, 2]) },
    attributes: { retry: true, 'big.int': 2 ** 60 },
    eventName: 'invoice.retry',
    timestamp: 1_700_000_000_123,
    context,
  });
  return emitted as unknown as Parameters<typeof ProtobufLogsSerializer.serializeRequest>[0];
}

describe('decodeLogsRequest', () => {
  for (const [encoding, serializer] of [['protobuf', ProtobufLogsSerializer], ['json', JsonLogsSerializer]] as const) {
    it(`reads every field the official ${encoding} serializer writes`, () => {
      const { records, unknownFields } = decodeLogsRequest(serializer.serializeRequest(sdkRecords())!, encoding);
      expect(unknownFields).toEqual([]);
      expect(records).toEqual([expect.objectContaining({
        resource: expect.objectContaining({ 'service.name': 'billing' }),
        scope: { name: 'billing.jobs', version: '2.0.0', attributes: {} },
        timeUnixNano: '1700000000123000000',
        severityNumber: 13,
        severityText: 'WARN',
        body: { invoice: 42, tags: ['a', 1.5], raw: new Uint8Array([1, 2]) },
        attributes: { retry: true, 'big.int': 2n ** 60n },
        flags: 1,
        traceId: TRACE_ID,
        spanId: SPAN_ID,
        eventName: 'invoice.retry',
      })]);
    });
  }

  it('refuses a body that is not a logs request, and a trace id of the wrong length', () => {
    expect(() => decodeLogsRequest(new Uint8Array([0xff, 0xff, 0xff]), 'protobuf')).toThrow(OtlpDecodeError);
    const shortId = JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ traceId: 'abcd' }] }] }] });
    expect(() => decodeLogsRequest(Buffer.from(shortId), 'json'))
      .toThrow(new OtlpDecodeError('resourceLogs[0].scopeLogs[0].logRecords[0].traceId: expected 32 hex digits, got "abcd"'));
  });

  it('lists OTLP/JSON fields the schema does not know instead of refusing them', () => {
    const body = JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ severityNumber: 9, color: 'red' }] }] }] });
    expect(decodeLogsRequest(Buffer.from(body), 'json').unknownFields).toEqual(['resourceLogs[0].scopeLogs[0].logRecords[0].color']);
  });
});

describe('logs responses', () => {
  for (const encoding of ['protobuf', 'json'] as const) {
    it(`reads back the partial success it writes in ${encoding}`, () => {
      const written = encodeLogsResponse(encoding, { rejected: 3, message: 'quota' });
      const bytes = typeof written === 'string' ? Buffer.from(written) : written;
      expect(decodeLogsResponse(bytes, encoding)).toEqual({ rejected: 3, message: 'quota' });
      const success = encodeLogsResponse(encoding);
      expect(decodeLogsResponse(typeof success === 'string' ? Buffer.from(success) : success, encoding)).toEqual({ rejected: 0, message: '' });
    });
  }

  it('writes the bytes the official serializer reads, and reads them back, for any count and message', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.string({ unit: 'grapheme' }), (rejected, message) => {
      const bytes = encodeLogsResponse('protobuf', { rejected, message }) as Uint8Array;
      const official = ProtobufLogsSerializer.deserializeResponse(bytes).partialSuccess;
      expect({ rejected: Number(official?.rejectedLogRecords ?? 0), message: official?.errorMessage ?? '' }).toEqual({ rejected, message });
      expect(decodeLogsResponse(bytes, 'protobuf')).toEqual({ rejected, message });
    }));
  });

  it('skips fields it does not know and refuses a truncated body', () => {
    const withUnknown = Uint8Array.from([0x10, 0x05, 0x0a, 0x04, 0x08, 0x02, 0x18, 0x01]);
    expect(decodeLogsResponse(withUnknown, 'protobuf')).toEqual({ rejected: 2, message: '' });
    expect(() => decodeLogsResponse(Uint8Array.from([0x0a, 0x05, 0x08]), 'protobuf')).toThrow(/truncated/);
  });
});
