import type { ValueFilter } from '@logweave/core';
import type { EncodableRecord } from '../encoder.ts';
import type { Resource, ResourceGroup, Scope, ScopeGroup } from './group-records.ts';
import { writeHrTime } from './hr-time.ts';
import { writeAnyValue, writeAttributes } from './proto-any-value.ts';
import { varintSize, type ProtoWriter } from './proto-writer.ts';

// Tags of opentelemetry.proto.logs.v1 and resource.v1: (field number << 3) | wire type.
const RESOURCE_LOGS = 0x0a;
const RESOURCE = 0x0a;
const RESOURCE_ATTRIBUTE = 0x0a;
const RESOURCE_DROPPED = 0x10;
const SCOPE_LOGS = 0x12;
const SCOPE = 0x0a;
const SCOPE_NAME = 0x0a;
const SCOPE_VERSION = 0x12;
const SCOPE_ATTRIBUTE = 0x1a;
const SCOPE_DROPPED = 0x20;
const LOG_RECORD = 0x12;
/** schema_url is field 3 of ResourceLogs and of ScopeLogs. */
const SCHEMA_URL = 0x1a;
const TIME = 0x09;
const SEVERITY_NUMBER = 0x10;
const SEVERITY_TEXT = 0x1a;
const BODY = 0x2a;
const ATTRIBUTE = 0x32;
const DROPPED = 0x38;
const FLAGS = 0x45;
const TRACE_ID = 0x4a;
const SPAN_ID = 0x52;
const OBSERVED_TIME = 0x59;
const EVENT_NAME = 0x62;

/** Length bytes reserved for a ResourceLogs or ScopeLogs: up to 2 MiB without a move. */
const GROUP_LENGTH_BYTES = 3;

/**
 * Writes one ResourceLogs. `scopeBytes` caches each encoded scope for the batch, for a scope
 * shared by several resources. `filter` applies to record bodies and attributes only.
 */
export function writeResourceLogs(
  writer: ProtoWriter,
  group: ResourceGroup,
  scopeBytes: Map<Scope, Uint8Array>,
  filter: ValueFilter | undefined,
): void {
  writer.ensure(1);
  writer.byte(RESOURCE_LOGS);
  const at = writer.reserve(GROUP_LENGTH_BYTES);
  writeResource(writer, group.resource);
  for (const scoped of group.scopes) writeScopeLogs(writer, scoped, scopeBytes, filter);
  if (group.resource.schemaUrl) {
    writer.byte(SCHEMA_URL);
    writer.string(group.resource.schemaUrl);
  }
  writer.finish(at, GROUP_LENGTH_BYTES);
}

function writeResource(writer: ProtoWriter, resource: Resource): void {
  writer.byte(RESOURCE);
  const at = writer.reserve(2);
  if (resource.attributes) writeAttributes(writer, resource.attributes, RESOURCE_ATTRIBUTE);
  // The official serializer always writes dropped_attributes_count, as 0.
  writer.ensure(2);
  writer.byte(RESOURCE_DROPPED);
  writer.byte(0);
  writer.finish(at, 2);
}

function writeScopeLogs(
  writer: ProtoWriter,
  scoped: ScopeGroup,
  scopeBytes: Map<Scope, Uint8Array>,
  filter: ValueFilter | undefined,
): void {
  const { scope, records } = scoped;
  writer.ensure(1);
  writer.byte(SCOPE_LOGS);
  const at = writer.reserve(GROUP_LENGTH_BYTES);
  const cached = scopeBytes.get(scope);
  if (cached === undefined) {
    const start = writer.pos;
    writeScope(writer, scope);
    scopeBytes.set(scope, writer.bytes.slice(start, writer.pos));
  } else {
    writer.ensure(cached.length);
    writer.bytes.set(cached, writer.pos);
    writer.pos += cached.length;
  }
  let lengthBytes = 2;
  for (let i = 0; i < records.length; i++) lengthBytes = writeLogRecord(writer, records[i]!, lengthBytes, filter);
  if (scope.schemaUrl) {
    writer.byte(SCHEMA_URL);
    writer.string(scope.schemaUrl);
  }
  writer.finish(at, GROUP_LENGTH_BYTES);
}

function writeScope(writer: ProtoWriter, scope: Scope): void {
  writer.byte(SCOPE);
  const at = writer.reserve(1);
  writer.byte(SCOPE_NAME);
  writer.string(scope.name);
  if (scope.version) {
    writer.byte(SCOPE_VERSION);
    writer.string(scope.version);
  }
  if (scope.attributes) writeAttributes(writer, scope.attributes, SCOPE_ATTRIBUTE);
  if (scope.droppedAttributesCount) {
    writer.byte(SCOPE_DROPPED);
    writer.varint(scope.droppedAttributesCount);
  }
  writer.finish(at, 1);
}

/**
 * Writes one LogRecord with its length in `lengthBytes` bytes (a guess: the previous record's);
 * returns the number of bytes its length took, the guess for the next one.
 */
function writeLogRecord(writer: ProtoWriter, record: EncodableRecord, lengthBytes: number, filter: ValueFilter | undefined): number {
  writer.ensure(lengthBytes + 24);
  writer.byte(LOG_RECORD);
  const at = writer.reserve(lengthBytes);
  writer.byte(TIME);
  writeHrTime(writer, record.hrTime);
  const severityNumber = record.severityNumber;
  if (severityNumber !== undefined && severityNumber !== 0) {
    writer.byte(SEVERITY_NUMBER);
    writer.varint(severityNumber);
  }
  const severityText = record.severityText;
  if (severityText) {
    writer.byte(SEVERITY_TEXT);
    writer.string(severityText);
  }
  const body = record.body;
  if (body !== undefined) writeBody(writer, body, filter);
  const attributes = record.attributes;
  if (attributes) writeAttributes(writer, attributes, ATTRIBUTE, filter);
  writer.byte(DROPPED);
  writer.varint(record.droppedAttributesCount);
  const spanContext = record.spanContext;
  if (spanContext != null) writeTraceContext(writer, spanContext.traceFlags, spanContext.traceId, spanContext.spanId);
  writer.ensure(9);
  writer.byte(OBSERVED_TIME);
  writeHrTime(writer, record.hrTimeObserved);
  const eventName = record.eventName;
  if (eventName) {
    writer.byte(EVENT_NAME);
    writer.string(eventName);
  }
  return writer.finish(at, lengthBytes);
}

function writeBody(writer: ProtoWriter, body: unknown, filter: ValueFilter | undefined): void {
  writer.byte(BODY);
  // A string body's AnyValue is at least 2 bytes longer than the string has characters.
  const lengthBytes = typeof body === 'string' ? varintSize(body.length + 2) : 1;
  const at = writer.reserve(lengthBytes);
  writeAnyValue(writer, body, filter);
  writer.finish(at, lengthBytes);
}

function writeTraceContext(writer: ProtoWriter, traceFlags: number, traceId: string, spanId: string): void {
  if (traceFlags) {
    writer.byte(FLAGS);
    writer.fixed32(traceFlags);
  }
  if (traceId) {
    writer.byte(TRACE_ID);
    writeHexBytes(writer, traceId);
  }
  if (spanId) {
    writer.byte(SPAN_ID);
    writeHexBytes(writer, spanId);
  }
}

/** Writes a hex id as a bytes field, pair by pair as the official `hexToBinary` reads it (leniently). */
function writeHexBytes(writer: ProtoWriter, hex: string): void {
  const length = hex.length >>> 1;
  writer.varint(length);
  writer.ensure(length);
  const bytes = writer.bytes;
  let pos = writer.pos;
  for (let i = 0; i < 2 * length; i += 2) {
    bytes[pos++] = (hexDigit(hex.charCodeAt(i)) << 4) | hexDigit(hex.charCodeAt(i + 1));
  }
  writer.pos = pos;
}

function hexDigit(c: number): number {
  return c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c - 55;
}
