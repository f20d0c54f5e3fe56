import { DROP, type AnyValue, type Drop, type LogRecordLike, type Stage, type ValueFilter } from '@logweave/core';
import { resolveRedactOptions, type RedactOptions } from './options.ts';
import { DENIED, HAS_SECRET, KeyNames, NOT_ALLOWED } from './internal/key-names.ts';
import { REMOVED, Replacer } from './internal/replacer.ts';
import { NO_TALLY, Scanner } from './internal/scanner.ts';
import { RedactCounters, type RedactStats } from './internal/stats.ts';
import { Walker } from './internal/walker.ts';

export interface RedactStage extends Stage {
  /** A snapshot of the stage's counters. */
  stats(): RedactStats;
}

/**
 * A stage that redacts secrets and personal data from the body and attributes of each record,
 * by key and by pattern, before any sink sees them. It fails closed: a value it cannot process is
 * replaced whole, and a record it cannot write back is dropped.
 *
 * When every sink of its pipeline can apply a value filter (logweave's OTLP, console and file
 * sinks), the pipeline leaves the scan of strings to them: each string is redacted in the same
 * read that writes it, off the emit path. At emit time the stage then only decides what must be
 * decided there: values under denied keys, numbers, secret-looking key names, and an owned copy
 * of every structured value. Not with `countAttribute`, a per-record count written at emit time.
 */
export function redact(options: RedactOptions = {}): RedactStage {
  return new RedactStageImpl(options);
}

class RedactStageImpl implements RedactStage {
  readonly name = 'redact';
  readonly #keys: KeyNames;
  readonly #scanner: Scanner;
  readonly #walker: Walker;
  readonly #mask: string;
  readonly #countAttribute: string | undefined;
  readonly #counters = new RedactCounters();
  /** Attribute changes of the current record as (key, new key, new value) triples; reused. */
  readonly #pending: unknown[] = [];
  /** Calls of process() under way: more than one when a custom validator logs. */
  #active = 0;
  /** True once the sinks scan the strings (see leftToSinks). */
  #stringsLeftToSinks = false;
  /** What the sinks run over every string they write; absent with `countAttribute`. */
  readonly valueFilter?: ValueFilter;

  constructor(options: RedactOptions) {
    const resolved = resolveRedactOptions(options);
    const replacer = new Replacer(resolved.action, resolved.mask, resolved.hashKey);
    this.#keys = new KeyNames(resolved.denyKeys, resolved.userDenyKeys, resolved.allowKeys);
    this.#scanner = new Scanner(resolved.patterns, resolved.custom, replacer, this.#keys);
    this.#keys.secretTest = (key) => this.#scanner.scan(key, NO_TALLY) !== key;
    this.#walker = new Walker(this.#scanner, this.#keys, replacer, resolved.maxDepth);
    this.#mask = resolved.mask;
    this.#countAttribute = resolved.countAttribute;
    if (this.#countAttribute === undefined) this.valueFilter = { string: (value) => this.#scanAtSink(value) };
  }

  leftToSinks(): void {
    this.#stringsLeftToSinks = true;
    this.#walker.leaveStringsToSinks();
  }

  process(record: LogRecordLike): void | Drop {
    // A record logged from inside a custom validator must not share the outer record's state.
    const pending = this.#active === 0 ? this.#pending : [];
    const outerCount = this.#counters.current;
    this.#active++;
    try {
      this.#redact(record, pending);
      return undefined;
    } catch {
      // Fail closed, and say nothing: an error here may quote the value it was given.
      this.#counters.dropped++;
      return DROP;
    } finally {
      pending.length = 0;
      this.#active--;
      this.#counters.current = outerCount;
    }
  }

  stats(): RedactStats {
    return this.#counters.snapshot();
  }

  #redact(record: LogRecordLike, pending: unknown[]): void {
    const counters = this.#counters;
    counters.current = 0;
    const attributes = record.attributes as Record<string, unknown>;
    for (const key in attributes) {
      if (!Object.hasOwn(attributes, key)) continue;
      const value = attributes[key];
      // The count a redact stage set earlier is ours; anything else under that name is scanned.
      if (key === this.#countAttribute && typeof value === 'number') continue;
      const verdict = this.#keys.verdict(key);
      const next = verdict & (DENIED | NOT_ALLOWED) ? this.#walker.keyed(value, verdict, counters) : this.#walk(value);
      const name = verdict & HAS_SECRET ? this.#scanner.scan(key, counters) : key;
      // Object.is: NaN is not `===` to itself, and a NaN left as it was must not count as a change.
      if (!Object.is(next, value) || name !== key) pending.push(key, name, next);
    }
    const body = record.body;
    const nextBody = body === undefined || body === null ? body : this.#walk(body);
    if (pending.length === 0 && Object.is(nextBody, body)) return;

    for (let i = 0; i < pending.length; i += 3) {
      writeAttribute(record, attributes, pending[i] as string, pending[i + 1] as string, pending[i + 2]);
    }
    if (!Object.is(nextBody, body)) {
      const written = nextBody === REMOVED ? this.#mask : nextBody;
      record.setBody(written as AnyValue);
      if (!Object.is(record.body, written)) throw new Error('body not writable');
    }
    if (counters.current > 0) {
      counters.redactedRecords++;
      if (this.#countAttribute !== undefined) record.setAttribute(this.#countAttribute, counters.current);
    }
  }

  /** A string as a sink writes it: redacted, or the mask when the scan throws (fail closed). */
  #scanAtSink(value: string): string {
    try {
      return this.#scanner.scan(value, this.#counters);
    } catch {
      this.#counters.failure();
      return this.#mask;
    }
  }

  /** The redacted value, or the mask when the walk throws (a getter, a proxy, a bug). */
  #walk(value: unknown): unknown {
    try {
      // Strings, numbers and booleans, most values, need no walk: no ancestors to keep.
      switch (typeof value) {
        case 'string':
          return this.#stringsLeftToSinks ? value : this.#scanner.scan(value, this.#counters);
        case 'number':
          return this.#scanner.number(value, this.#counters);
        case 'boolean':
          return value;
        default:
          return this.#walker.walk(value, this.#counters);
      }
    } catch {
      this.#counters.failure();
      return this.#mask;
    }
  }
}

/**
 * Writes through the SDK setter. A setter that refuses the new value must not leave the old one:
 * the attribute is then removed, and a record where even that fails is dropped by the caller.
 */
function writeAttribute(record: LogRecordLike, attributes: Record<string, unknown>, key: string, name: string, value: unknown): void {
  if (name !== key || value === REMOVED) {
    removeAttribute(attributes, key);
    // A renamed key the SDK refuses (attribute count limit) is lost; its secret is gone either way.
    if (value !== REMOVED) record.setAttribute(name, value as AnyValue);
    return;
  }
  const old = attributes[key];
  record.setAttribute(key, value as AnyValue);
  if (Object.is(attributes[key], old)) removeAttribute(attributes, key);
}

/** The SDK has no setter that removes an attribute; its attributes object is its own copy, not the application's. */
function removeAttribute(attributes: Record<string, unknown>, key: string): void {
  delete attributes[key];
  if (Object.hasOwn(attributes, key)) throw new Error('attribute not removable');
}
