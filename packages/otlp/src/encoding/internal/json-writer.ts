import { ByteBuffer } from './byte-buffer.ts';

/** Characters JSON.stringify escapes: quote, backslash, controls, and lone surrogates (any surrogate, to be checked). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/** Attribute keys whose `{"key":"…","value":` bytes are kept, per encoder; later keys are written each time. */
const CACHED_KEYS = 4096;
/** Longer keys are not cached. */
const CACHED_KEY_CHARS = 128;

const utf8Encoder = new TextEncoder();

/** JSON punctuation and field names, encoded once: copying bytes is cheaper than reading a string. */
export function literal(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

const KEY = literal('{"key":');
const VALUE = literal(',"value":');

/**
 * Writes JSON text as UTF-8 straight into one growing scratch buffer. Building the request as
 * one JavaScript string and encoding it at the end cost more than the building itself: the
 * rope of small strings has to be flattened and outlives young-generation collections.
 */
export class JsonWriter extends ByteBuffer {
  readonly #keys = new Map<string, Uint8Array>();

  /** Writes bytes of a literal. */
  raw(literalBytes: Uint8Array): void {
    const n = literalBytes.length;
    this.ensure(n);
    const bytes = this.bytes;
    let pos = this.pos;
    for (let i = 0; i < n; i++) bytes[pos++] = literalBytes[i]!;
    this.pos = pos;
  }

  /** Writes text known to be printable ASCII (numbers, base64). */
  ascii(s: string): void {
    const n = s.length;
    this.ensure(n);
    const bytes = this.bytes;
    let pos = this.pos;
    for (let i = 0; i < n; i++) bytes[pos++] = s.charCodeAt(i);
    this.pos = pos;
  }

  /** Writes JSON text that may hold any character (JSON.stringify output). */
  utf8(s: string): void {
    this.ensure(3 * s.length);
    this.pos += this.text.write(s, this.pos);
  }

  /** Writes `s` as a JSON string literal, escaped exactly as JSON.stringify escapes it. */
  string(s: string): void {
    const n = s.length;
    this.ensure(n + 2);
    const bytes = this.bytes;
    let pos = this.pos;
    bytes[pos++] = 34;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 32 || c > 127 || c === 34 || c === 92) {
        this.#stringOffPath(s);
        return;
      }
      bytes[pos++] = c;
    }
    bytes[pos++] = 34;
    this.pos = pos;
  }

  /** Non-ASCII text or text to escape: JSON.stringify only when escaping is needed. */
  #stringOffPath(s: string): void {
    if (NEEDS_ESCAPE.test(s)) {
      this.utf8(JSON.stringify(s));
      return;
    }
    this.byte(34);
    this.utf8(s);
    this.byte(34);
  }

  /** Writes `{"key":<key>,"value":`, from a per-encoder cache of the keys seen so far. */
  keyPrefix(key: string): void {
    let prefix = this.#keys.get(key);
    if (prefix === undefined) {
      if (this.#keys.size >= CACHED_KEYS || key.length > CACHED_KEY_CHARS) {
        this.raw(KEY);
        this.string(key);
        this.raw(VALUE);
        return;
      }
      const start = this.pos;
      this.raw(KEY);
      this.string(key);
      this.raw(VALUE);
      this.#keys.set(key, this.bytes.slice(start, this.pos));
      return;
    }
    this.raw(prefix);
  }

  /** Writes a number as JSON.stringify does (null for NaN and ±Infinity). */
  number(n: number): void {
    if (Number.isSafeInteger(n)) this.integer(n);
    else this.ascii(Number.isFinite(n) ? String(n) : 'null');
  }

  /** Writes a safe integer's decimal digits without making a string. */
  integer(n: number): void {
    this.ensure(17);
    if (n < 0) {
      this.byte(45);
      n = -n;
    }
    let length = 1;
    for (let power = 10; power <= n; power *= 10) length++;
    const bytes = this.bytes;
    let at = this.pos + length;
    this.pos = at;
    do {
      const quotient = Math.floor(n / 10);
      bytes[--at] = 48 + n - quotient * 10;
      n = quotient;
    } while (n > 0);
  }

  /** Writes an integer in 0..999999999 as exactly nine digits. */
  nineDigits(n: number): void {
    this.ensure(9);
    const bytes = this.bytes;
    const pos = this.pos;
    for (let at = pos + 8; at >= pos; at--) {
      const quotient = (n / 10) | 0;
      bytes[at] = 48 + n - quotient * 10;
      n = quotient;
    }
    this.pos = pos + 9;
  }

  /**
   * Writes `name` (a literal such as `,"flags":`) and `value` as JSON.stringify writes a field
   * of an object, or nothing when it leaves the field out (undefined, functions, symbols).
   */
  member(name: Uint8Array, value: unknown): void {
    if (typeof value === 'number') {
      this.raw(name);
      this.number(value);
    } else if (typeof value === 'string') {
      this.raw(name);
      this.string(value);
    } else if (value !== undefined) {
      const text = JSON.stringify(value) as string | undefined;
      if (text === undefined) return;
      this.raw(name);
      this.utf8(text);
    }
  }
}
