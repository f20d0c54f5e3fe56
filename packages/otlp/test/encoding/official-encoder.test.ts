import { SeverityNumber } from '@opentelemetry/api';
import { decodeLogsRequest } from '@logweave/testing';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { describe, expect, it } from 'vitest';
import { officialEncoder } from '../../src/encoding/index.ts';
import { emit, inSpan } from './records.ts';

describe('officialEncoder', () => {
  it('encodes with the official serializer of the kind asked for', () => {
    const records = emit({ severityNumber: SeverityNumber.ERROR, body: 'payment declined', context: inSpan() });
    const sdkRecords = records as unknown as Parameters<typeof ProtobufLogsSerializer.serializeRequest>[0];
    const protobuf = officialEncoder('protobuf');
    const json = officialEncoder('json');
    expect(protobuf.contentType).toBe('application/x-protobuf');
    expect(json.contentType).toBe('application/json');
    expect(protobuf.encode(records)).toEqual(ProtobufLogsSerializer.serializeRequest(sdkRecords));
    expect(json.encode(records)).toEqual(JsonLogsSerializer.serializeRequest(sdkRecords));
    expect(decodeLogsRequest(json.encode(records), 'json').records[0]).toMatchObject({ body: 'payment declined', severityNumber: 17 });
  });

  it('throws a TypeError naming the option when the kind is neither protobuf nor json', () => {
    expect(() => officialEncoder('grpc' as 'json')).toThrow(new TypeError("officialEncoder: kind must be 'protobuf' or 'json'; got grpc"));
  });
});
