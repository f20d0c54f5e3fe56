import {
  bodyText,
  errorSummary,
  exceptionAttributes,
  hasExceptionAttributes,
  isError,
} from './internal/exceptions.ts';
import { resolveMaxCauseDepth, type ExceptionOptions } from './options.ts';

/** The fields of a record handed to `Logger.emit` (OTel Logs API) that can carry an exception. */
export interface EmitRecord {
  body?: unknown;
  attributes?: Readonly<Record<string, unknown>> | undefined;
  exception?: unknown;
}

/** A Logger of the OTel Logs API (`@opentelemetry/api` ≥ 1.10 or `@opentelemetry/api-logs`). */
export interface LoggerLike {
  emit(record: EmitRecord): void;
  enabled(options?: unknown): boolean;
}

/** The wrapped Logger: `emit` also takes Error values (or anything) as body and attribute values. */
export interface CapturingLogger<L extends LoggerLike> {
  emit(
    record: Omit<Parameters<L['emit']>[0], 'body' | 'attributes'> & {
      body?: unknown;
      attributes?: Readonly<Record<string, unknown>>;
    },
  ): void;
  enabled: L['enabled'];
}

/**
 * Wraps a Logger so that exceptions survive `emit`: both SDK lines drop an Error given as an
 * attribute value (it is not a valid AnyValue) before any processor sees the record, and record
 * the `exception` field without its `cause` chain. The wrapper turns them, before the SDK, into
 * what an `enrich()` stage makes of an Error body: `exception.type`, `exception.message`,
 * `exception.stacktrace` with `Caused by:` lines, the attribute holding the error set to
 * `Type: message`, an Error body replaced by its message. The `exception` field wins over the
 * body, which wins over attributes; `exception.*` the application set are kept. Records without
 * an error pass unchanged and uncopied.
 */
export function captureExceptions<L extends LoggerLike>(logger: L, options: ExceptionOptions = {}): CapturingLogger<L> {
  if (logger === null || typeof logger !== 'object' || typeof logger.emit !== 'function') {
    throw new TypeError('captureExceptions: logger must be a Logger (an object with emit())');
  }
  if (options === null || typeof options !== 'object') throw new TypeError('captureExceptions: options must be an object');
  const maxCauseDepth = resolveMaxCauseDepth('captureExceptions: maxCauseDepth', options.maxCauseDepth);
  const wrapped: LoggerLike = {
    emit: (record) => logger.emit(convertEmitRecord(record, maxCauseDepth)),
    enabled: (enabledOptions) => (typeof logger.enabled === 'function' ? logger.enabled(enabledOptions) : true),
  };
  return wrapped as CapturingLogger<L>;
}

function convertEmitRecord(record: EmitRecord, maxCauseDepth: number): EmitRecord {
  if (record === null || typeof record !== 'object') return record;
  const hasException = record.exception !== undefined && record.exception !== null;
  const bodyIsError = isError(record.body);
  const attributes = record.attributes ?? {};
  if (!hasException && !bodyIsError && !hasErrorValue(attributes)) return record;

  const converted: Record<string, unknown> = { ...attributes };
  let source: unknown = hasException ? record.exception : bodyIsError ? record.body : undefined;
  for (const key in converted) {
    const value = converted[key];
    if (isError(value)) {
      source ??= value;
      converted[key] = errorSummary(value);
    }
  }
  if (!hasExceptionAttributes(converted)) Object.assign(converted, exceptionAttributes(source, maxCauseDepth));
  const result: EmitRecord = { ...record, attributes: converted };
  // Recorded here with its causes: the SDK must not record it a second time.
  delete result.exception;
  if (bodyIsError) result.body = bodyText(record.body as Error);
  return result;
}

function hasErrorValue(attributes: Readonly<Record<string, unknown>>): boolean {
  for (const key in attributes) {
    if (isError(attributes[key])) return true;
  }
  return false;
}
