import { resolveFilter, type EncoderOptions, type LogsEncoder } from './encoder.ts';
import { groupRecords, type Scope } from './internal/group-records.ts';
import { writeResourceLogs } from './internal/json-logs.ts';
import { JsonWriter } from './internal/json-writer.ts';

/**
 * An OTLP/HTTP JSON encoder that writes the request's UTF-8 text straight from the SDK's
 * records into one growing buffer (no intermediate object tree, no intermediate string; each
 * resource and scope written once per batch). It follows the OTLP/JSON rules: hex trace and span
 * ids, int64 as decimal strings, enums as numbers. Its output decodes to what the official
 * `JsonLogsSerializer` writes, except where the official's is lossy or not OTLP/JSON:
 * - NaN and ±Infinity are "NaN", "Infinity", "-Infinity" (the official writes null, which a
 *   collector refuses and protobufjs reads as no value);
 * - integers outside int64 are doubleValue, as the official protobuf writes them (the official
 *   JSON writes an out-of-range intValue);
 * - intValue is the exact decimal string (the official writes a JSON number, whose digits past
 *   2^53 are not the value's for a receiver that parses decimals exactly);
 * - Resource carries no schemaUrl (the official repeats it there, a field Resource does not have).
 * `encode` hands over the buffer it wrote (a view the caller owns) and throws where the official
 * throws (a circular body or attribute, a time that is not a number). With `filter`, each body
 * and attribute string is written as the filter returns it, in the one read of it (see
 * EncoderOptions).
 */
export function jsonEncoder(options?: EncoderOptions): LogsEncoder {
  const filter = resolveFilter(options, 'jsonEncoder');
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
        writeResourceLogs(writer, groups[i]!, scopeJson, filter);
      }
      writer.ascii(']}');
      return writer.result();
    },
  };
}
