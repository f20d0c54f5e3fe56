import type { Context } from '@opentelemetry/api';
import { toSeverityNumber, type SeverityLevel } from './severity-number.ts';
import type { LogRecordLike } from './types.ts';

/** A test on a record, used by keep/drop, routes and classification rules. */
export type Predicate = (record: LogRecordLike, context?: Context) => boolean;

export type AttributeMatcher = string | number | boolean | RegExp | ((value: unknown) => boolean);

/** True when the record's SeverityNumber is at least `level`; records without one never match. */
export function severityAtLeast(level: SeverityLevel): Predicate {
  const min = toSeverityNumber(level, 'severityAtLeast');
  return (record) => (record.severityNumber ?? 0) >= min;
}

/**
 * True when attribute `key` is present and matches: equal to a primitive, matched by a RegExp
 * (strings only), or accepted by a function.
 */
export function attr(key: string, matcher: AttributeMatcher): Predicate {
  if (typeof key !== 'string' || key === '') {
    throw new TypeError('attr: key must be a non-empty string');
  }
  if (typeof matcher === 'function') {
    return (record) => key in record.attributes && matcher(record.attributes[key]);
  }
  if (matcher instanceof RegExp) {
    const regex = withoutState(matcher);
    return (record) => {
      const value = record.attributes[key];
      return typeof value === 'string' && regex.test(value);
    };
  }
  if (!['string', 'number', 'boolean'].includes(typeof matcher)) {
    throw new TypeError('attr: matcher must be a string, number, boolean, RegExp or function');
  }
  return (record) => record.attributes[key] === matcher;
}

/** True when the record's instrumentation scope (logger name) equals `name` or matches it. */
export function scope(name: string | RegExp): Predicate {
  if (name instanceof RegExp) {
    const regex = withoutState(name);
    return (record) => regex.test(record.instrumentationScope.name);
  }
  if (typeof name !== 'string') throw new TypeError('scope: name must be a string or RegExp');
  return (record) => record.instrumentationScope.name === name;
}

/** True when the body is a string containing `pattern` (a substring) or matching it (a RegExp). */
export function bodyMatches(pattern: string | RegExp): Predicate {
  if (typeof pattern === 'string') {
    return (record) => typeof record.body === 'string' && record.body.includes(pattern);
  }
  if (!(pattern instanceof RegExp)) {
    throw new TypeError('bodyMatches: pattern must be a string or RegExp');
  }
  const regex = withoutState(pattern);
  return (record) => typeof record.body === 'string' && regex.test(record.body);
}

export function all(...predicates: Predicate[]): Predicate {
  assertPredicates('all', predicates);
  return (record, context) => predicates.every((p) => p(record, context));
}

export function any(...predicates: Predicate[]): Predicate {
  assertPredicates('any', predicates);
  return (record, context) => predicates.some((p) => p(record, context));
}

export function not(predicate: Predicate): Predicate {
  assertPredicates('not', [predicate]);
  return (record, context) => !predicate(record, context);
}

function assertPredicates(name: string, predicates: unknown[]): void {
  if (predicates.length === 0 || predicates.some((p) => typeof p !== 'function')) {
    throw new TypeError(`${name}: expects one or more predicate functions`);
  }
}

/** A global or sticky RegExp remembers lastIndex between calls; a predicate must not. */
function withoutState(regex: RegExp): RegExp {
  return regex.global || regex.sticky ? new RegExp(regex.source, regex.flags.replace(/[gy]/g, '')) : regex;
}
