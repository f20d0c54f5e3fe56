import { createRequire } from 'node:module';
import type * as OtlpTransformer from '@opentelemetry/otlp-transformer';
import type { LogsEncoder } from './encoder.ts';

type SdkRecords = Parameters<typeof OtlpTransformer.ProtobufLogsSerializer.serializeRequest>[0];

/**
 * The official serializers of @opentelemetry/otlp-transformer behind the same interface. The
 * package is an optional peer, loaded on first use: it depends on its own pinned sdk-logs, so a
 * hard dependency would give every install a second copy of the SDK.
 */
export function officialEncoder(kind: 'protobuf' | 'json'): LogsEncoder {
  if (kind !== 'protobuf' && kind !== 'json') {
    throw new TypeError(`officialEncoder: kind must be 'protobuf' or 'json'; got ${String(kind)}`);
  }
  const { JsonLogsSerializer, ProtobufLogsSerializer } = loadTransformer();
  const serializer = kind === 'json' ? JsonLogsSerializer : ProtobufLogsSerializer;
  return {
    contentType: kind === 'json' ? 'application/json' : 'application/x-protobuf',
    // The serializers read only the fields LogRecordLike has; they are typed with the SDK's class.
    encode: (records) => serializer.serializeRequest(records as unknown as SdkRecords) ?? new Uint8Array(0),
  };
}

function loadTransformer(): typeof OtlpTransformer {
  try {
    return createRequire(import.meta.url)('@opentelemetry/otlp-transformer') as typeof OtlpTransformer;
  } catch (error) {
    throw new TypeError(
      `officialEncoder: the official encoder needs @opentelemetry/otlp-transformer (npm i @opentelemetry/otlp-transformer): ${(error as Error).message}`,
    );
  }
}
