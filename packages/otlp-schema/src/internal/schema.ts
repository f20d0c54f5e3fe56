import protobuf from 'protobufjs/light.js';
import { logsProto } from './logs-proto.ts';

// protobufjs refuses messages nested deeper than 100 (protoc's default); the Collector decodes with
// Go's limit of 10000, and an AnyValue level is three messages deep. A test receiver must accept
// what a collector accepts, so the limit is raised to the Collector's (never lowered).
const COLLECTOR_RECURSION_LIMIT = 10_000;
protobuf.util.recursionLimit = Math.max(protobuf.util.recursionLimit, COLLECTOR_RECURSION_LIMIT);
protobuf.Reader.recursionLimit = Math.max(protobuf.Reader.recursionLimit, COLLECTOR_RECURSION_LIMIT);

const NAMES = {
  ExportLogsServiceRequest: 'collector.logs.v1.ExportLogsServiceRequest',
  ExportLogsServiceResponse: 'collector.logs.v1.ExportLogsServiceResponse',
  LogRecord: 'logs.v1.LogRecord',
} as const;

export type LogsMessages = Record<keyof typeof NAMES, protobuf.Type>;

let messages: LogsMessages | undefined;

/**
 * The message types, built from the schema on first use: importing a package that may decode
 * (otlp reads collectors' responses) costs no schema build until something is decoded.
 */
export function logsMessages(): LogsMessages {
  if (messages === undefined) {
    const root = protobuf.Root.fromJSON(logsProto);
    const entries = Object.entries(NAMES).map(([key, name]) => [key, root.lookupType(`opentelemetry.proto.${name}`)]);
    messages = Object.fromEntries(entries) as LogsMessages;
  }
  return messages;
}

/** protobufjs `toObject` options: int64 as decimal strings, bytes as base64, defaults filled, oneof names set. */
export const conversion: protobuf.IConversionOptions = {
  longs: String,
  enums: Number,
  bytes: String,
  defaults: true,
  arrays: true,
  oneofs: true,
};
