import { ByteBuffer } from './byte-buffer.ts';

/** Attribute keys whose `{"key":"…","value":` bytes are kept, per encoder; later keys are written each time. */
const CACHED_KEYS = 4096;
/** Longer keys are not cached. */
const CACHED_KEY_CHARS = 128;

const utf8Encoder = new TextEncoder();

/** JSON punctuation and field names, encoded once: copying bytes is cheaper than reading a string. */
export function literal(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}

/** "00" to "99": two digits per step when writing numbers. */
const DIGIT_PAIRS = literal(Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0')).join(''));

const KEY = literal('{"key":');
const VALUE = literal(',"value":');

/**
 * Writes JSON text as UTF-8 straight into one growing scratch buffer. Building the request as
 * one JavaScript string and encoding it at the end cost more than the building itself: the
 * rope of small strings has to be flattened and outlives young-generation collections.
 */
export class JsonWriter extends ByteBuffer {
  readonly #keys = new Map<string, Uint8Array>();
  /** The digits of the last whole seconds written: the records of a batch mostly share their second. */
  #seconds = -1;
  readonly #secondsDigits = new Uint8Array(16);
  #secondsLength = 0;

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
        // Non-ASCII text or text to escape: JSON.stringify escapes it (lone surrogates too).
        this.utf8(JSON.stringify(s));
        return;
      }
      bytes[pos++] = c;
    }
    bytes[pos++] = 34;
    this.pos = pos;
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
    if (n < 10) {
      this.byte(48 + n);
      return;
    }
    this.pos = writeDigits(this.bytes, this.pos, n);
  }

  /** Writes non-negative whole seconds, from the digits of the last call when they are the same. */
  seconds(n: number): void {
    if (n !== this.#seconds) {
      this.#secondsLength = writeDigits(this.#secondsDigits, 0, n);
      this.#seconds = n;
    }
    const length = this.#secondsLength;
    this.ensure(length);
    const digits = this.#secondsDigits;
    const bytes = this.bytes;
    let pos = this.pos;
    for (let i = 0; i < length; i++) bytes[pos++] = digits[i]!;
    this.pos = pos;
  }

  /** Writes an integer in 0..999999999 as exactly nine digits. */
  nineDigits(n: number): void {
    this.ensure(9);
    const bytes = this.bytes;
    const pos = this.pos;
    const first = (n / 1e8) | 0;
    bytes[pos] = 48 + first;
    let rest = n - first * 1e8;
    for (let at = pos + 1, unit = 1e6; at < pos + 9; at += 2, unit /= 100) {
      const pair = (rest / unit) | 0;
      rest -= pair * unit;
      bytes[at] = DIGIT_PAIRS[2 * pair]!;
      bytes[at + 1] = DIGIT_PAIRS[2 * pair + 1]!;
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

/** Writes the digits of a non-negative safe integer at `pos`; returns the position after them. */
function writeDigits(bytes: Uint8Array, pos: number, n: number): number {
  let length = 1;
  for (let power = 10; power <= n; power *= 10) length++;
  let at = pos + length;
  while (n >= 100) {
    const quotient = Math.floor(n / 100);
    const pair = n - quotient * 100;
    bytes[--at] = DIGIT_PAIRS[2 * pair + 1]!;
    bytes[--at] = DIGIT_PAIRS[2 * pair]!;
    n = quotient;
  }
  if (n >= 10) {
    bytes[--at] = DIGIT_PAIRS[2 * n + 1]!;
    bytes[--at] = DIGIT_PAIRS[2 * n]!;
  } else {
    bytes[--at] = 48 + n;
  }
  return pos + length;
}
