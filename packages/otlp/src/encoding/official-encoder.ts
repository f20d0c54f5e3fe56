import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import type { LogsEncoder } from './encoder.ts';

type SdkRecords = Parameters<typeof ProtobufLogsSerializer.serializeRequest>[0];

/** The official serializers of @opentelemetry/otlp-transformer behind the same interface. */
export function officialEncoder(kind: 'protobuf' | 'json'): LogsEncoder {
  if (kind !== 'protobuf' && kind !== 'json') {
    throw new TypeError(`officialEncoder: kind must be 'protobuf' or 'json'; got ${String(kind)}`);
  }
  const serializer = kind === 'json' ? JsonLogsSerializer : ProtobufLogsSerializer;
  return {
    contentType: kind === 'json' ? 'application/json' : 'application/x-protobuf',
    // The serializers read only the fields LogRecordLike has; they are typed with the SDK's class.
    encode: (records) => serializer.serializeRequest(records as unknown as SdkRecords) ?? new Uint8Array(0),
  };
}
