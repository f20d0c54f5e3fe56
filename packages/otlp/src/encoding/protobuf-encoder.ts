import { resolveFilter, type EncoderOptions, type LogsEncoder } from './encoder.ts';
import { groupRecords, type Scope } from './internal/group-records.ts';
import { writeResourceLogs } from './internal/proto-logs.ts';
import { ProtoWriter } from './internal/proto-writer.ts';

/**
 * An OTLP/HTTP protobuf encoder that writes the SDK's records straight into one growing buffer
 * in one pass (no intermediate objects, strings UTF-8 encoded once, each resource and scope
 * encoded once per batch). It writes the same bytes as the official `ProtobufLogsSerializer`.
 * `encode` hands over the buffer it wrote (a view the caller owns) and throws where the official
 * throws (a circular body or attribute). With `filter`, each body and attribute string is
 * written as the filter returns it, in the one read of it (see EncoderOptions).
 */
export function protobufEncoder(options?: EncoderOptions): LogsEncoder {
  const filter = resolveFilter(options, 'protobufEncoder');
  const writer = new ProtoWriter();
  return {
    contentType: 'application/x-protobuf',
    encode(records) {
      writer.reset();
      const scopeBytes = new Map<Scope, Uint8Array>();
      for (const group of groupRecords(records)) writeResourceLogs(writer, group, scopeBytes, filter);
      return writer.result();
    },
  };
}
