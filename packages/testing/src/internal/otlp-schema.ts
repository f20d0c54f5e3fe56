import { createRequire } from 'node:module';

/** The parts of a protobufjs-generated message class this package uses. */
export interface MessageType {
  decode(reader: Uint8Array): object;
  encode(message: object): { finish(): Uint8Array };
  fromObject(object: object): object;
  toObject(message: object, options: ConversionOptions): Record<string, unknown>;
  prototype: object;
}

interface ConversionOptions {
  longs: typeof String;
  enums: typeof Number;
  bytes: typeof String;
  defaults: boolean;
  arrays: boolean;
  oneofs: boolean;
}

export const conversion: ConversionOptions = {
  longs: String,
  enums: Number,
  bytes: String,
  defaults: true,
  arrays: true,
  oneofs: true,
};

interface Root {
  opentelemetry: {
    proto: {
      collector: { logs: { v1: { ExportLogsServiceRequest: MessageType; ExportLogsServiceResponse: MessageType } } };
      logs: { v1: { ResourceLogs: MessageType; ScopeLogs: MessageType; LogRecord: MessageType } };
      common: { v1: { AnyValue: MessageType; KeyValue: MessageType; ArrayValue: MessageType; KeyValueList: MessageType; InstrumentationScope: MessageType } };
      resource: { v1: { Resource: MessageType } };
    };
  };
}

// The official schema: protobufjs code generated from opentelemetry-proto, as shipped by
// @opentelemetry/otlp-transformer 0.214.0 (installed under the alias `otlp-schema`).
const root = createRequire(import.meta.url)('otlp-schema/build/src/generated/root.js') as Root;

export const proto = root.opentelemetry.proto;
export const { ExportLogsServiceRequest, ExportLogsServiceResponse } = proto.collector.logs.v1;
