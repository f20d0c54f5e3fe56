import type { AnyValue } from '@logweave/core';
import { lookupSeverity } from '@logweave/severity';
import type { ParseContext } from '../options.ts';
import type { ParsedLine } from './parsed-line.ts';
import { severityShortName } from './severity.ts';
import { parseTimeValue } from './timestamp.ts';

/*
 * The fields structured lines (JSON, logfmt, key=value, regex groups) use for the record's own
 * places, in order of preference: pino and bunyan `msg` / `time` / `level`, winston `message` /
 * `timestamp`, zap and Go `ts`, log15 `t` / `lvl`, ECS `@timestamp` / `log.level`, Heroku's router `at`.
 */
const MESSAGE_KEYS = ['msg', 'message'];
const LEVEL_KEYS = ['level', 'lvl', 'severity', 'log.level', 'at'];
const TIME_KEYS = ['time', 'timestamp', '@timestamp', 'ts', 't'];

const PID_TEXT = /^\d{1,10}$/;

/** Nested objects deeper than this are kept as maps. */
const MAX_FLATTEN_DEPTH = 8;

/**
 * Moves the message, level and time fields out of `parsed.attributes` into the record's places,
 * and renames the fields that have a semantic-convention name. A field whose value is no level
 * or no time stays an attribute.
 */
export function promoteKnownFields(parsed: ParsedLine, context: ParseContext): void {
  const attributes = parsed.attributes;
  for (const key of MESSAGE_KEYS) {
    const value = attributes[key];
    if (typeof value === 'string') {
      parsed.body = value;
      delete attributes[key];
      break;
    }
  }
  for (const key of LEVEL_KEYS) {
    if (key in attributes && takeLevel(parsed, attributes[key], context)) {
      delete attributes[key];
      break;
    }
  }
  for (const key of TIME_KEYS) {
    if (!(key in attributes)) continue;
    const time = parseTimeValue(attributes[key], context.utc);
    if (time !== undefined) {
      parsed.timestamp = time;
      delete attributes[key];
      break;
    }
  }
  renameFields(attributes);
}

/** Sets the severity from a level word or number; false when the table knows no such level. */
export function takeLevel(parsed: ParsedLine, value: unknown, context: ParseContext): boolean {
  const severity = lookupSeverity(value, context.table);
  if (severity === 0) return false;
  parsed.severityNumber = severity;
  parsed.severityText = typeof value === 'string' ? value : severityShortName(severity);
  return true;
}

/** pino / bunyan `pid` and `hostname`, winston's top-level `stack`: semantic-convention names. */
function renameFields(attributes: Record<string, AnyValue>): void {
  const pid = attributes['pid'];
  if ((typeof pid === 'number' && Number.isSafeInteger(pid)) || (typeof pid === 'string' && PID_TEXT.test(pid))) {
    attributes['process.pid'] = Number(pid);
    delete attributes['pid'];
  }
  const hostname = attributes['hostname'];
  if (typeof hostname === 'string') {
    attributes['host.name'] = hostname;
    delete attributes['hostname'];
  }
  const stack = attributes['stack'];
  if (typeof stack === 'string' && !('exception.stacktrace' in attributes)) {
    attributes['exception.stacktrace'] = stack;
    delete attributes['stack'];
  }
}

/**
 * Writes a JSON value under `key`: nested objects are flattened with dots (`req.headers.host`)
 * down to 8 levels, deeper ones are kept as maps; arrays are kept as arrays; null is left out.
 */
export function flattenInto(out: Record<string, AnyValue>, key: string, value: unknown, depth: number): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object') {
    out[key] = value as AnyValue;
    return;
  }
  if (Array.isArray(value) || depth >= MAX_FLATTEN_DEPTH) {
    out[key] = value as AnyValue;
    return;
  }
  const object = value as Record<string, unknown>;
  for (const inner in object) flattenInto(out, `${key}.${inner}`, object[inner], depth + 1);
}

/** pino / bunyan `err` (and `error`) objects: type or name, message and stack as `exception.*`. */
export function exceptionInto(out: Record<string, AnyValue>, key: string, value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const error = value as Record<string, unknown>;
  const { message, stack } = error;
  if (typeof message !== 'string' && typeof stack !== 'string') return false;
  const typeField = typeof error['type'] === 'string' ? 'type' : typeof error['name'] === 'string' ? 'name' : undefined;
  for (const field in error) {
    const inner = error[field];
    if (field === 'message' && typeof inner === 'string') out['exception.message'] = inner;
    else if (field === 'stack' && typeof inner === 'string') out['exception.stacktrace'] = inner;
    else if (field === typeField) out['exception.type'] = inner as string;
    else flattenInto(out, `${key}.${field}`, inner, 2);
  }
  return true;
}
