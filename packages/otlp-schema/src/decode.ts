import protobuf from 'protobufjs/light.js';
import { conversion, logsMessages } from './internal/schema.ts';
import { flattenRequest, type ReceivedLogRecord } from './received-record.ts';

export type OtlpEncoding = 'protobuf' | 'json';

export interface DecodedLogsRequest {
  /** The request as protobufjs `toObject` gives it (int64 as strings, bytes as base64, defaults filled). */
  message: Record<string, unknown>;
  records: ReceivedLogRecord[];
  /** OTLP/JSON field names the schema does not know, as paths. Receivers ignore them; tests should not produce them. */
  unknownFields: string[];
}

/** Thrown when a body is not a valid ExportLogsServiceRequest; the receiver answers 400. */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
}

/** Decodes an OTLP/HTTP logs request body (protobuf or OTLP/JSON) strictly against the opentelemetry-proto logs schema. */
export function decodeLogsRequest(body: Uint8Array, encoding: OtlpEncoding): DecodedLogsRequest {
  const { ExportLogsServiceRequest } = logsMessages();
  const unknownFields: string[] = [];
  let decoded: protobuf.Message;
  try {
    decoded = encoding === 'protobuf'
      ? ExportLogsServiceRequest.decode(body)
      : ExportLogsServiceRequest.fromObject(fromOtlpJson(body, unknownFields));
  } catch (error) {
    if (error instanceof OtlpDecodeError) throw error;
    throw new OtlpDecodeError(`not an ExportLogsServiceRequest (${encoding}): ${(error as Error).message}`);
  }
  const message = ExportLogsServiceRequest.toObject(decoded, conversion);
  return { message, records: flattenRequest(message), unknownFields };
}


/**
 * OTLP/JSON differs from the protobuf JSON mapping in one place that matters for decoding:
 * trace and span ids are hex, not base64. Everything else protobufjs `fromObject` reads as is.
 */
function fromOtlpJson(body: Uint8Array, unknownFields: string[]): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (error) {
    throw new OtlpDecodeError(`invalid JSON: ${(error as Error).message}`);
  }
  walk(parsed, logsMessages().ExportLogsServiceRequest, '', unknownFields);
  return parsed as object;
}

function walk(value: unknown, type: protobuf.Type, path: string, unknownFields: string[]): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new OtlpDecodeError(`${path || 'body'}: expected an object`);
  }
  const object = value as Record<string, unknown>;
  for (const [key, field] of Object.entries(object)) {
    const at = path === '' ? key : `${path}.${key}`;
    const known = Object.hasOwn(type.fields, key) ? type.fields[key]! : undefined;
    const child = known?.resolve().resolvedType;
    if (known === undefined) {
      unknownFields.push(at);
    } else if (type === logsMessages().LogRecord && (key === 'traceId' || key === 'spanId')) {
      object[key] = hexId(field, key === 'traceId' ? 16 : 8, at);
    } else if (child instanceof protobuf.Type && field != null) {
      const items = Array.isArray(field) ? field : [field];
      items.forEach((item, i) => walk(item, child, Array.isArray(field) ? `${at}[${i}]` : at, unknownFields));
    }
  }
}

function hexId(value: unknown, bytes: number, path: string): Uint8Array {
  if (value === '' || value == null) return new Uint8Array(0);
  if (typeof value !== 'string' || !new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(value)) {
    throw new OtlpDecodeError(`${path}: expected ${bytes * 2} hex digits, got ${JSON.stringify(value)}`);
  }
  return new Uint8Array(Buffer.from(value, 'hex'));
}
