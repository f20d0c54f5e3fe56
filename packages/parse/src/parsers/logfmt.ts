import type { AnyValue } from '@logweave/core';
import type { ParseContext } from '../options.ts';
import { promoteKnownFields } from '../internal/fields.ts';
import { newParsedLine, type ParsedLine } from '../internal/parsed-line.ts';
import { closingQuote } from '../internal/closing-quote.ts';

const SPACE = 32;
const TAB = 9;
const EQUALS = 61;
const QUOTE = 34;
const COLON = 58;
const AT = 64;

/**
 * logfmt (Heroku, Go kit, logrus text, slog TextHandler): the whole line is `key=value` pairs,
 * values bare or double-quoted with backslash escapes, a bare key meaning `true`. Values stay
 * strings, as the format has no types. Known keys go to the record's places as for JSON.
 * A line whose words could be read two ways (see the leads below) is not logfmt.
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

/** Keys: a letter or `_` (or `@` in logfmt, for `@timestamp`), then letters, digits, `_ . -`. */
function isKeyChar(c: number, first: boolean, strict: boolean): boolean {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  if (first) return letter || (strict && c === AT);
  return letter || (c >= 48 && c <= 57) || c === 46 || c === 45;
}

function startsWithPair(line: string): boolean {
  let i = 0;
  while (i < line.length && isKeyChar(line.charCodeAt(i), i === 0, true)) i++;
  return i > 0 && line.charCodeAt(i) === EQUALS;
}

/**
 * Reads pairs into `out`. Strict (logfmt): every token must be a pair or a bare key, a quote must
 * close, and a token that may be the rest of the one before (a lead, below) makes the line no logfmt;
 * lenient (kv): other tokens, and such a token, are skipped. True when at least one pair was read.
 */
function scanPairs(line: string, out: Record<string, AnyValue>, strict: boolean): boolean {
  const n = line.length;
  let pairs = 0;
  let i = 0;
  let lead = NO_LEAD;
  let afterBareKey = false;
  for (;;) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) return pairs > 0;
    const keyStart = i;
    if (lead === WORD_LEAD) {
      if (strict) return false;
      while (i < n && !isSpace(line.charCodeAt(i))) i++;
      lead = leadsOn(line.slice(keyStart, i)) ? WORD_LEAD : NO_LEAD;
      continue;
    }
    while (i < n && isKeyChar(line.charCodeAt(i), i === keyStart, strict)) i++;
    const keyEnd = i;
    if (keyEnd > keyStart && line.charCodeAt(i) === EQUALS) {
      i++;
      const quoted = line.charCodeAt(i) === QUOTE;
      let value: string;
      if (quoted) {
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
        lead = leadsOn(line.slice(keyStart, i)) ? WORD_LEAD : NO_LEAD;
        continue;
      }
      const selfContained = value !== '' && value.charCodeAt(0) !== EQUALS;
      const skip = lead === EMPTY_LEAD && !selfContained;
      lead = value === '' ? (quoted ? NO_LEAD : EMPTY_LEAD) : leadsOn(value) ? WORD_LEAD : NO_LEAD;
      afterBareKey = false;
      if (skip) {
        if (strict) return false;
        continue;
      }
      setField(out, line.slice(keyStart, keyEnd), value);
      pairs++;
    } else if (strict) {
      if (keyEnd === keyStart || (i < n && !isSpace(line.charCodeAt(i)))) return false;
      if (lead !== NO_LEAD || afterBareKey || keyEnd - keyStart > MAX_BARE_KEY_LENGTH) return false;
      setField(out, line.slice(keyStart, keyEnd), true);
      lead = leadsOn(line.slice(keyStart, keyEnd)) ? WORD_LEAD : NO_LEAD;
      afterBareKey = true;
    } else {
      while (i < n && !isSpace(line.charCodeAt(i))) i++;
      lead = leadsOn(line.slice(keyStart, i)) ? WORD_LEAD : NO_LEAD;
    }
  }
}

/*
 * What the token before says of the next one. A token read as a field of its own there would be a
 * key, or a value cut from what names it a secret, and no redaction after the parser could tell.
 * NO_LEAD: nothing. EMPTY_LEAD, after an empty unquoted value (`password= hunter2`, but also the
 * `a= b=1` of logfmt writers): only a pair with a value, not starting with `=`, stands on its own.
 * WORD_LEAD, after a word that `leadsOn` (`token: abc`, `Bearer abc`): nothing does.
 */
const NO_LEAD = 0;
const EMPTY_LEAD = 1;
const WORD_LEAD = 2;
/** Bare keys are flags (`debug`, `dry-run`); a longer word is no flag. */
const MAX_BARE_KEY_LENGTH = 32;
/** HTTP authentication schemes: the word after one is a credential. */
const AUTH_SCHEMES = new Set(['bearer', 'basic', 'digest', 'negotiate', 'token', 'apikey']);

/** True when `text` ends with `=` or `:` (`msg=token: abc`) or with an HTTP authentication scheme (`Bearer abc`). */
function leadsOn(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  if (last === EQUALS || last === COLON) return true;
  let start = text.length;
  while (start > 0 && text.length - start <= 9 && isLetter(text.charCodeAt(start - 1))) start--;
  const before = text.charCodeAt(start - 1);
  if (start === text.length || (start > 0 && (isLetter(before) || (before >= 48 && before <= 57)))) return false;
  return AUTH_SCHEMES.has(text.slice(start).toLowerCase());
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function setField(out: Record<string, AnyValue>, key: string, value: AnyValue): void {
  if (key !== '__proto__') out[key] = value;
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
