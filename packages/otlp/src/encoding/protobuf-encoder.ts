import type { LogsEncoder } from './encoder.ts';
import { groupRecords, type Scope } from './internal/group-records.ts';
import { writeResourceLogs } from './internal/proto-logs.ts';
import { ProtoWriter } from './internal/proto-writer.ts';

/**
 * An OTLP/HTTP protobuf encoder that writes the SDK's records straight into one growing buffer
 * (no intermediate objects), in one pass. Its bytes decode to exactly what the official
 * `ProtobufLogsSerializer` writes. The encoder keeps its scratch buffer between calls (up to
 * 4 MiB); `encode` returns a copy the caller owns.
 */
export function protobufEncoder(): LogsEncoder {
  const writer = new ProtoWriter();
  return {
    contentType: 'application/x-protobuf',
    encode(records) {
      writer.reset();
      const scopeBytes = new Map<Scope, Uint8Array>();
      for (const group of groupRecords(records)) writeResourceLogs(writer, group, scopeBytes);
      return writer.result();
    },
  };
}
