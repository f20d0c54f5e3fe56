import type { LogsEncoder } from './encoder.ts';
import { groupRecords, type Scope } from './internal/group-records.ts';
import { writeResourceLogs } from './internal/json-logs.ts';
import { JsonWriter } from './internal/json-writer.ts';

/**
 * An OTLP/HTTP JSON encoder that writes the request's UTF-8 text straight from the SDK's
 * records into one growing buffer (no intermediate object tree, no intermediate string). It
 * follows the OTLP/JSON rules: hex trace and span ids, int64 as decimal strings, enums as
 * numbers. Its output decodes to what the official `JsonLogsSerializer` writes, except where
 * the official output loses a value or is not valid OTLP/JSON: see json-any-value.ts. The
 * encoder keeps its scratch buffer between calls (up to 4 MiB); `encode` returns a copy the
 * caller owns.
 */
export function jsonEncoder(): LogsEncoder {
  const writer = new JsonWriter();
  return {
    contentType: 'application/json',
    encode(records) {
      writer.reset();
      const scopeJson = new Map<Scope, Uint8Array>();
      writer.ascii('{"resourceLogs":[');
      const groups = groupRecords(records);
      for (let i = 0; i < groups.length; i++) {
        if (i > 0) writer.byte(44);
        writeResourceLogs(writer, groups[i]!, scopeJson);
      }
      writer.ascii(']}');
      return writer.result();
    },
  };
}
