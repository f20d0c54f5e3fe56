import { DENIED, HAS_SECRET, NOT_ALLOWED, type KeyNames } from './key-names.ts';
import { REMOVED, type Replacer } from './replacer.ts';
import type { Scanner, Tally } from './scanner.ts';

/**
 * Walks a body or an attribute value and returns an owned, redacted copy of it: every container
 * and byte array is copied in the same read that inspects it, and each property is read once (a
 * getter or a Proxy trap runs once). sdk-logs keeps the application's objects by reference and
 * exporters read them again later, so a value left shared could change after it was inspected
 * (a mutation after `emit()`, a getter that answers differently): what is exported must be what
 * was inspected. The application's own objects are never written to.
 *
 * What is not plain data (functions, symbols, bigints, class instances, Maps, Dates…), what is
 * nested deeper than `maxDepth` and what refers back to an ancestor is replaced whole.
 */
export class Walker {
  readonly #scanner: Scanner;
  readonly #keys: KeyNames;
  readonly #replacer: Replacer;
  readonly #maxDepth: number;
  /** The containers above the one being walked, for cycle detection; reused across records. */
  readonly #ancestors: object[] = [];
  /** Strings are copied as they are: the sinks scan them where they write them. */
  #stringsLeftToSinks = false;

  constructor(scanner: Scanner, keys: KeyNames, replacer: Replacer, maxDepth: number) {
    this.#scanner = scanner;
    this.#keys = keys;
    this.#replacer = replacer;
    this.#maxDepth = maxDepth;
  }

  /**
   * Entry point for a body or one attribute value. A walk that throws leaves no ancestors behind;
   * one started inside another (a custom validator that logs) keeps the outer walk's.
   */
  walk(value: unknown, tally: Tally): unknown {
    const outer = this.#ancestors.length;
    try {
      return this.#value(value, 0, tally);
    } finally {
      this.#ancestors.length = outer;
    }
  }

  /** From now on strings pass unscanned: every sink runs the scanner over them as it writes them. */
  leaveStringsToSinks(): void {
    this.#stringsLeftToSinks = true;
  }

  /** The replacement of a value under a denied or not-allowed key; nullish values hide nothing. */
  keyed(value: unknown, verdict: number, tally: Tally): unknown {
    if (value === null || value === undefined) return value;
    tally.add(verdict & DENIED ? 'key' : 'not-allowed');
    return this.#replacer.value(value);
  }

  #value(value: unknown, depth: number, tally: Tally): unknown {
    switch (typeof value) {
      case 'string':
        return this.#stringsLeftToSinks ? value : this.#scanner.scan(value, tally);
      case 'number':
        return this.#scanner.number(value, tally);
      case 'boolean':
      case 'undefined':
        return value;
      case 'object':
        if (value === null) return value;
        if (value instanceof Uint8Array) return value.slice();
        if (depth >= this.#maxDepth) return this.#unreadable('depth', tally);
        if (this.#ancestors.includes(value)) return this.#unreadable('cycle', tally);
        if (Array.isArray(value)) return this.#array(value, depth, tally);
        if (isPlainObject(value)) return this.#object(value as Record<string, unknown>, depth, tally);
        return this.#unreadable('unsupported', tally);
      default:
        return this.#unreadable('unsupported', tally);
    }
  }

  #unreadable(reason: string, tally: Tally): unknown {
    tally.add(reason);
    return this.#replacer.placeholder;
  }

  #array(array: readonly unknown[], depth: number, tally: Tally): unknown {
    this.#ancestors.push(array);
    const copy: unknown[] = [];
    // Read once: a Proxy may answer another length on a second read.
    const length = array.length;
    for (let i = 0; i < length; i++) {
      const next = this.#value(array[i], depth + 1, tally);
      if (next !== REMOVED) copy.push(next);
    }
    this.#ancestors.pop();
    return copy;
  }

  #object(object: Record<string, unknown>, depth: number, tally: Tally): unknown {
    this.#ancestors.push(object);
    const copy: Record<string, unknown> = {};
    for (const key in object) {
      if (!Object.hasOwn(object, key)) continue;
      const item = object[key];
      const verdict = this.#keys.verdict(key);
      const next = verdict & (DENIED | NOT_ALLOWED) ? this.keyed(item, verdict, tally) : this.#value(item, depth + 1, tally);
      const name = verdict & HAS_SECRET ? this.#scanner.scan(key, tally) : key;
      if (next !== REMOVED) define(copy, name, next);
    }
    this.#ancestors.pop();
    return copy;
  }
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Assignment, except that a `__proto__` key stays a key instead of setting the prototype. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
