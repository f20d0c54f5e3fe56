import type { LogRecordLike } from '@logweave/core';

const EXCEPTION_TYPE = 'exception.type';
const EXCEPTION_MESSAGE = 'exception.message';
const EXCEPTION_STACKTRACE = 'exception.stacktrace';

/** The `exception.*` attributes of one exception, as the semantic conventions name them. */
interface ExceptionAttributes {
  'exception.type'?: string;
  'exception.message'?: string;
  'exception.stacktrace'?: string;
}

interface ErrorLike {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly stack?: unknown;
  readonly cause?: unknown;
}

const toStringTag = Object.prototype.toString;

/** True for Error instances, including those made in another realm (a `vm` context), where instanceof fails. */
export function isError(value: unknown): value is Error {
  return typeof value === 'object' && value !== null &&
    (value instanceof Error || toStringTag.call(value) === '[object Error]');
}

/**
 * The dynamic type of an error: its `name`, unless that is the generic `Error` inherited by a
 * subclass that did not set its own, in which case the constructor's name says more.
 */
function exceptionType(error: ErrorLike): string {
  const name = typeof error.name === 'string' && error.name !== '' ? error.name : 'Error';
  if (name !== 'Error') return name;
  const ctor = (error as { constructor?: { name?: unknown } }).constructor;
  return typeof ctor?.name === 'string' && ctor.name !== '' && ctor.name !== 'Object' ? ctor.name : name;
}

function exceptionMessage(error: ErrorLike): string {
  return typeof error.message === 'string' ? error.message : '';
}

/** One line naming an error, for an attribute that held it and for a body that was only the error. */
export function errorSummary(error: ErrorLike): string {
  const message = exceptionMessage(error);
  return message === '' ? exceptionType(error) : `${exceptionType(error)}: ${message}`;
}

/**
 * The error's stack followed by each cause's, `Caused by: `-prefixed, at most `maxCauseDepth`
 * causes deep; a cause seen before (a cycle) is named, not followed.
 */
export function stacktraceWithCauses(error: ErrorLike, maxCauseDepth: number): string {
  let text = ownStack(error);
  const seen: unknown[] = [error];
  let cause = error.cause;
  for (let depth = 0; cause !== undefined && cause !== null; depth++) {
    if (depth >= maxCauseDepth) {
      text += `\nCaused by: ... (more causes omitted after ${maxCauseDepth})`;
      break;
    }
    if (seen.includes(cause)) {
      text += `\nCaused by: [cycle: ${describeCause(cause)}]`;
      break;
    }
    seen.push(cause);
    text += `\nCaused by: ${isErrorLike(cause) ? ownStack(cause) : describeCause(cause)}`;
    cause = isErrorLike(cause) ? cause.cause : undefined;
  }
  return text;
}

/** `exception.*` for an Error, or for what the application passed as the `exception` field. */
export function exceptionAttributes(exception: unknown, maxCauseDepth: number): ExceptionAttributes {
  if (typeof exception === 'string' || typeof exception === 'number') {
    return { [EXCEPTION_MESSAGE]: String(exception) };
  }
  if (!isErrorLike(exception)) return { [EXCEPTION_MESSAGE]: describeCause(exception) };
  return {
    [EXCEPTION_TYPE]: exceptionType(exception),
    [EXCEPTION_MESSAGE]: exceptionMessage(exception),
    [EXCEPTION_STACKTRACE]: stacktraceWithCauses(exception, maxCauseDepth),
  };
}

/** True when the record already describes an exception: its `exception.*` are not replaced by another's. */
export function hasExceptionAttributes(attributes: Readonly<Record<string, unknown>>): boolean {
  return Object.hasOwn(attributes, EXCEPTION_TYPE) || Object.hasOwn(attributes, EXCEPTION_MESSAGE);
}

function isErrorLike(value: unknown): value is ErrorLike {
  return isError(value) ||
    (typeof value === 'object' && value !== null && typeof (value as ErrorLike).message === 'string');
}

function ownStack(error: ErrorLike): string {
  return typeof error.stack === 'string' && error.stack !== '' ? error.stack : errorSummary(error);
}

function describeCause(cause: unknown): string {
  if (isErrorLike(cause)) return errorSummary(cause);
  if (typeof cause !== 'object' || cause === null) return String(cause);
  try {
    return JSON.stringify(cause) ?? toStringTag.call(cause);
  } catch {
    return toStringTag.call(cause);
  }
}

/** What a record whose body was only an error says: the message, or the type when there is none. */
export function bodyText(error: ErrorLike): string {
  const message = exceptionMessage(error);
  return message === '' ? exceptionType(error) : message;
}

/**
 * Finds the Error values of a record: the body becomes its message, each attribute holding one
 * becomes `Type: message`, and the first (body, then attributes in order) gives `exception.*` unless
 * the record already describes an exception and `overwrite` is off.
 */
export function convertRecordExceptions(record: LogRecordLike, maxCauseDepth: number, overwrite: boolean): void {
  let first: Error | undefined;
  const body = record.body;
  if (isError(body)) {
    first = body;
    record.setBody(bodyText(body));
  }
  const attributes = record.attributes;
  for (const key in attributes) {
    const value = attributes[key];
    if (isError(value)) {
      first ??= value;
      record.setAttribute(key, errorSummary(value));
    }
  }
  if (first === undefined || (!overwrite && hasExceptionAttributes(attributes))) return;
  record.setAttributes(exceptionAttributes(first, maxCauseDepth) as Record<string, string>);
}
