import type { AnyValue } from '@logweave/core';
import type { ParseContext } from '../options.ts';
import { promoteKnownFields } from '../internal/fields.ts';
import { newParsedLine, type ParsedLine } from '../internal/parsed-line.ts';

const SPACE = 32;
const TAB = 9;
const EQUALS = 61;
const QUOTE = 34;
const BACKSLASH = 92;

/**
 * logfmt (Heroku, Go kit, logrus text, slog TextHandler): the whole line is `key=value` pairs,
 * values bare or double-quoted with backslash escapes, a bare key meaning `true`. Values stay
 * strings, as the format has no types. Known keys go to the record's places as for JSON.
 */
export function logfmtLine(line: string, context: ParseContext): ParsedLine | undefined {
  if (!startsWithPair(line)) return undefined;
  const parsed = newParsedLine('logfmt');
  if (!scanPairs(line, parsed.attributes, true)) return undefined;
  promoteKnownFields(parsed, context);
  return parsed;
}

/**
 * `key=value` pairs anywhere in free text (`Accepted connection user=bob port=22`): the pairs
 * become attributes, the words between them are skipped, and the body stays the line unless a
 * `msg` pair names the message. Keys are identifiers: a letter or `_`, then letters, digits, `_ . -`.
 */
export function keyValueLine(line: string, context: ParseContext): ParsedLine | undefined {
  const parsed = newParsedLine('kv');
  if (!scanPairs(line, parsed.attributes, false)) return undefined;
  promoteKnownFields(parsed, context);
  return parsed;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === 13 || c === 10;
}

/** logfmt keys: any visible character but `=` and `"`. */
function isLogfmtKeyChar(c: number): boolean {
  return c > SPACE && c !== EQUALS && c !== QUOTE && c !== 127;
}

function isIdentifierChar(c: number, first: boolean): boolean {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  return first ? letter : letter || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

function startsWithPair(line: string): boolean {
  let i = 0;
  while (i < line.length && isLogfmtKeyChar(line.charCodeAt(i))) i++;
  return i > 0 && line.charCodeAt(i) === EQUALS;
}

/**
 * Reads pairs into `out`. Strict (logfmt): every token must be a pair or a bare key, and a quote
 * must close; lenient (kv): other tokens are skipped. True when at least one pair was read.
 */
function scanPairs(line: string, out: Record<string, AnyValue>, strict: boolean): boolean {
  const n = line.length;
  let pairs = 0;
  let i = 0;
  for (;;) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) return pairs > 0;
    const keyStart = i;
    if (strict) while (i < n && isLogfmtKeyChar(line.charCodeAt(i))) i++;
    else while (i < n && isIdentifierChar(line.charCodeAt(i), i === keyStart)) i++;
    const keyEnd = i;
    if (keyEnd > keyStart && line.charCodeAt(i) === EQUALS) {
      i++;
      let value: string;
      if (line.charCodeAt(i) === QUOTE) {
        const close = closingQuote(line, i + 1);
        if (close < 0) return strict ? false : pairs > 0;
        value = unescape(line, i + 1, close);
        i = close + 1;
      } else {
        const valueStart = i;
        while (i < n && !isSpace(line.charCodeAt(i))) i++;
        value = line.slice(valueStart, i);
      }
      if (i < n && !isSpace(line.charCodeAt(i))) {
        if (strict) return false;
        while (i < n && !isSpace(line.charCodeAt(i))) i++;
        continue;
      }
      setField(out, line.slice(keyStart, keyEnd), value);
      pairs++;
    } else if (strict) {
      if (keyEnd === keyStart || (i < n && !isSpace(line.charCodeAt(i)))) return false;
      setField(out, line.slice(keyStart, keyEnd), true);
    } else {
      while (i < n && !isSpace(line.charCodeAt(i))) i++;
    }
  }
}

function setField(out: Record<string, AnyValue>, key: string, value: AnyValue): void {
  if (key !== '__proto__') out[key] = value;
}

/** Index of the quote closing a value that starts at `start`; -1 when there is none. */
function closingQuote(line: string, start: number): number {
  for (let i = start; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** A quoted value without its quotes: `\"`, `\\`, `\n`, `\t`, `\r` and `\uXXXX` decoded. */
function unescape(line: string, start: number, end: number): string {
  const slash = line.indexOf('\\', start);
  if (slash < 0 || slash >= end) return line.slice(start, end);
  let out = line.slice(start, slash);
  for (let i = slash; i < end; i++) {
    const c = line[i]!;
    if (c !== '\\' || i + 1 >= end) {
      out += c;
      continue;
    }
    const next = line[++i]!;
    const hex = next === 'u' ? line.slice(i + 1, i + 5) : '';
    if (hex.length === 4 && i + 4 < end && HEX4.test(hex)) {
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += ESCAPES[next] ?? next;
    }
  }
  return out;
}
