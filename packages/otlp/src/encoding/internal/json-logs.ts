import type { SpanContextLike, ValueFilter } from '@logweave/core';
import type { EncodableRecord } from '../encoder.ts';
import type { Resource, ResourceGroup, Scope, ScopeGroup } from './group-records.ts';
import { writeHrTimeJson } from './hr-time.ts';
import { writeAnyValue, writeKeyValues } from './json-any-value.ts';
import { literal, type JsonWriter } from './json-writer.ts';

const RESOURCE = literal('{"resource":');
const SCOPE_LOGS = literal(',"scopeLogs":[');
const ATTRIBUTES = literal('{"attributes":[');
const DROPPED_ZERO = literal('],"droppedAttributesCount":0');
const SCOPE = literal('{"scope":');
const LOG_RECORDS = literal(',"logRecords":[');
const MORE_ATTRIBUTES = literal(',"attributes":[');
const TIME = literal('{"timeUnixNano":');
const OBSERVED_TIME = literal(',"observedTimeUnixNano":');
const BODY = literal(',"body":');
const SCHEMA_URL = literal(',"schemaUrl":');
const NAME = literal(',"name":');
const VERSION = literal(',"version":');
const DROPPED = literal(',"droppedAttributesCount":');
const SEVERITY_NUMBER = literal(',"severityNumber":');
const SEVERITY_TEXT = literal(',"severityText":');
const EVENT_NAME = literal(',"eventName":');
const FLAGS = literal(',"flags":');
const TRACE_ID = literal(',"traceId":');
const SPAN_ID = literal(',"spanId":');

/**
 * Writes one ResourceLogs as OTLP/JSON, fields in the official serializer's order.
 * `scopeJson` caches each scope's bytes for the batch, for a scope shared by several resources.
 * `filter` applies to record bodies and attributes only.
 */
export function writeResourceLogs(
  writer: JsonWriter,
  group: ResourceGroup,
  scopeJson: Map<Scope, Uint8Array>,
  filter: ValueFilter | undefined,
): void {
  writer.raw(RESOURCE);
  writeResource(writer, group.resource);
  writer.raw(SCOPE_LOGS);
  for (let i = 0; i < group.scopes.length; i++) {
    if (i > 0) writer.byte(44);
    writeScopeLogs(writer, group.scopes[i]!, scopeJson, filter);
  }
  writer.byte(93);
  if (group.resource.schemaUrl) writer.member(SCHEMA_URL, group.resource.schemaUrl);
  writer.byte(125);
}

function writeResource(writer: JsonWriter, resource: Resource): void {
  writer.raw(ATTRIBUTES);
  writeKeyValues(writer, resource.attributes);
  // The official also repeats schemaUrl here, where Resource has no such field (receivers ignore it).
  writer.raw(DROPPED_ZERO);
  writer.byte(125);
}

function writeScopeLogs(
  writer: JsonWriter,
  scoped: ScopeGroup,
  scopeJson: Map<Scope, Uint8Array>,
  filter: ValueFilter | undefined,
): void {
  const { scope, records } = scoped;
  writer.raw(SCOPE);
  const cached = scopeJson.get(scope);
  if (cached === undefined) {
    const start = writer.pos;
    writeScope(writer, scope);
    scopeJson.set(scope, writer.bytes.slice(start, writer.pos));
  } else {
    writer.ensure(cached.length);
    writer.bytes.set(cached, writer.pos);
    writer.pos += cached.length;
  }
  writer.raw(LOG_RECORDS);
  for (let i = 0; i < records.length; i++) {
    if (i > 0) writer.byte(44);
    writeLogRecord(writer, records[i]!, filter);
  }
  writer.byte(93);
  writer.member(SCHEMA_URL, scope.schemaUrl);
  writer.byte(125);
}

function writeScope(writer: JsonWriter, scope: Scope): void {
  // The official writes {name, version}: either may be left out, so the first comma is dropped.
  const start = writer.pos;
  writer.member(NAME, scope.name);
  writer.member(VERSION, scope.version);
  if (scope.attributes && Object.keys(scope.attributes).length > 0) {
    writer.raw(MORE_ATTRIBUTES);
    writeKeyValues(writer, scope.attributes);
    writer.byte(93);
    writer.member(DROPPED, scope.droppedAttributesCount ?? 0);
  }
  writer.ensure(1);
  if (writer.pos === start) writer.byte(123);
  else writer.bytes[start] = 123;
  writer.byte(125);
}

/** Writes one LogRecord; `body` is always there (an empty AnyValue when unset), as the official writes it. */
function writeLogRecord(writer: JsonWriter, record: EncodableRecord, filter: ValueFilter | undefined): void {
  writer.raw(TIME);
  writeHrTimeJson(writer, record.hrTime);
  writer.raw(OBSERVED_TIME);
  writeHrTimeJson(writer, record.hrTimeObserved);
  writer.member(SEVERITY_NUMBER, record.severityNumber);
  writer.member(SEVERITY_TEXT, record.severityText);
  writer.raw(BODY);
  writeAnyValue(writer, record.body, filter);
  writer.member(EVENT_NAME, record.eventName);
  writer.raw(MORE_ATTRIBUTES);
  writeKeyValues(writer, record.attributes, filter);
  writer.byte(93);
  writer.member(DROPPED, record.droppedAttributesCount);
  const spanContext = record.spanContext;
  if (spanContext != null) writeTraceContext(writer, spanContext);
  writer.ensure(1);
  writer.byte(125);
}

/** flags, traceId and spanId as they are: OTLP/JSON ids are the hex strings the SDK holds. */
function writeTraceContext(writer: JsonWriter, spanContext: SpanContextLike): void {
  writer.member(FLAGS, spanContext.traceFlags);
  writer.member(TRACE_ID, spanContext.traceId);
  writer.member(SPAN_ID, spanContext.spanId);
}
