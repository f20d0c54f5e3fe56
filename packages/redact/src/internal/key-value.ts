import { runStart } from './anchored.ts';
import { found, type Detector, type DetectorContext, type Hit } from './detector.ts';
import { headerEnd, readCredentials } from './credentials.ts';
import { afterEscapeTail, blankLength } from './escapes.ts';
import { COLON, EQUALS } from './features.ts';
import { normalizeKey } from './key-words.ts';
import { backslashRunEnd, closesJsonString, quotedEnd, unquotedEnd } from './value-ends.ts';

const BACKSLASH = 0x5c;
/** Blanks allowed on either side of the separator, as in `key = value` and `"key": "value"`. */
const MAX_BLANKS = 4;
/** Backslashes before a quote read back from a separator: 1 in JSON text, 3 in JSON in JSON, 7… */
const MAX_ESCAPES = 15;
/** A longer run of key characters is not taken for a key. */
const MAX_KEY_LENGTH = 128;

const isBlank = (code: number) => code === 0x20 || code === 0x09;

function isKeyChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ||
    code === 0x5f || code === 0x2e || code === 0x2d
  );
}

/**
 * `password=…`, `"token": "…"`, `Authorization: …` in text, for keys on the deny list: anchored on
 * each `:` and `=`, the key is read backwards (over blanks, a quote, an escaped quote, a JSON
 * escape before it), the value forwards (value-ends.ts). The value is the secret; the key stays.
 */
export const keyValue: Detector = {
  name: 'keyValue',
  needsAny: COLON | EQUALS,
  needsAll: 0,
  next(input, from, hit, context) {
    // Which separators the string holds, noted by the first call on it (from 0): one absent from
    // the string is absent after `from`.
    if (from === 0) hit.notes = (input.indexOf(':') >= 0 ? HAS_COLON : 0) | (input.indexOf('=') >= 0 ? HAS_EQUALS : 0);
    const notes = hit.notes;
    // One of them only (most text): a native search from each to the next.
    if (notes === HAS_COLON || notes === HAS_EQUALS) {
      const char = notes === HAS_COLON ? ':' : '=';
      for (let sep = input.indexOf(char, from); sep >= 0; sep = input.indexOf(char, sep + 1)) {
        if (atSeparator(input, from, sep, hit, context)) return true;
      }
      return false;
    }
    // Both: one loop, since two indexOf cursors would rescan to the end for the one absent further on.
    for (let sep = from; sep < input.length; sep++) {
      const code = input.charCodeAt(sep);
      if ((code === 0x3a || code === 0x3d) && atSeparator(input, from, sep, hit, context)) return true;
    }
    return false;
  },
};

const HAS_COLON = 1;
const HAS_EQUALS = 2;

function atSeparator(input: string, from: number, sep: number, hit: Hit, context: DetectorContext): boolean {
  const keyEnd = keyEndBefore(input, from, sep);
  const run = runStart(input, keyEnd, from, isKeyChar, MAX_KEY_LENGTH);
  // Either reading of the key starts at or after `run`, and a name is no longer than the key it is in.
  if (keyEnd - run > MAX_KEY_LENGTH || keyEnd - run < context.minDeniedKeyLength || !context.mayNameInText(input, run, keyEnd)) return false;
  // `\\token` is a backslash then `token` in JSON text, and a tab then `oken` in JSON in JSON: the
  // key stays in place, so both readings are tried.
  let keyStart = afterEscapeTail(input, run);
  if (keyStart >= keyEnd || !context.deniedInText(input.slice(keyStart, keyEnd))) {
    const other = afterEscapeTail(input, run, true);
    if (other === keyStart || other >= keyEnd || !context.deniedInText(input.slice(other, keyEnd))) return false;
    keyStart = other;
  }
  readValue(input, sep, input.slice(keyStart, keyEnd), keyStart);
  const valueStart = value.start;
  let valueEnd = value.end;
  // `password=token: abc`, `password= "secret": "abc"`: the value is the key of another pair,
  // whose value is the secret too. Each value is read once: the detector resumes after the last.
  for (let nested = nestedSeparator(input, value.start, value.end, value.after); nested >= 0; ) {
    readValue(input, nested, '', -1);
    if (value.end <= value.start) break;
    valueEnd = value.end;
    nested = nestedSeparator(input, value.start, value.end, value.after);
  }
  return valueEnd > valueStart && !isPlaceholder(input, valueStart, valueEnd) && found(hit, keyStart, valueStart, valueEnd, valueEnd, 'value');
}

/**
 * Values that say whether there is a secret rather than hold one: MySQL's `(using password: YES)`,
 * `password=true`, and values already masked (`token=****`). A password that is one of these words
 * is kept: it would be guessed first anyway.
 */
const PLACEHOLDERS = new Set(['yes', 'no', 'true', 'false', 'null', 'none', 'nil', 'undefined']);

function isPlaceholder(input: string, start: number, end: number): boolean {
  if (end - start > 9) return false;
  const text = input.slice(start, end);
  return PLACEHOLDERS.has(text.toLowerCase()) || /^\*+$/.test(text);
}

/** The value last read: [start, end), and `after` its closing quote. Reused: detection is synchronous. */
const value = { start: 0, end: 0, after: 0 };

/** Reads the value after the separator at `sep` into `value`; `keyStart` is where its key starts (-1: none). */
function readValue(input: string, sep: number, key: string, keyStart: number): void {
  let start = sep + 1;
  for (let blank = blankLength(input, start); blank > 0 && start - sep <= MAX_BLANKS; blank = blankLength(input, start)) start += blank;
  const quoteAt = input.charCodeAt(start) === BACKSLASH ? backslashRunEnd(input, start) : start;
  const opening = input.charCodeAt(quoteAt);
  const escapes = quoteAt - start;
  // A quote escaped by an odd run of backslashes is a quote of JSON in text; an even run, backslashes.
  const quoted = (opening === 0x22 || opening === 0x27) &&
    (escapes === 0 || (escapes % 2 === 1 && escapes <= MAX_ESCAPES)) && !closesJsonString(input, quoteAt);
  if (quoted) {
    value.start = quoteAt + 1;
    value.end = quotedEnd(input, value.start, opening, escapes);
    value.after = input.charCodeAt(value.end + escapes) === opening ? value.end + escapes + 1 : value.end;
    const quoteEnd = value.end;
    readCredentials(input, value.start, quoteEnd, value);
    if (value.end > quoteEnd) value.end = quoteEnd;
    return;
  }
  const header = input.charCodeAt(sep) === 0x3a && isHeaderWithSpaces(key);
  const end = header ? headerEnd(input, start, keyStart) : unquotedEnd(input, start);
  value.start = start;
  value.end = end;
  readCredentials(input, start, header ? end : -1, value);
  value.after = value.end;
}

/**
 * The separator of a pair whose key is the value just read: the value ends with `:`
 * (`token:`; not `=`, which ends base64), or `:` or `=` follows it; -1 when there is none.
 */
function nestedSeparator(input: string, start: number, end: number, after: number): number {
  if (after === end && end > start && input.charCodeAt(end - 1) === 0x3a) return end - 1;
  let next = after;
  // A quote that ended the value at another depth than it opened (`\\\"secret\":`).
  if (input.charCodeAt(next) === BACKSLASH) {
    const quoteAt = backslashRunEnd(input, next);
    if (input.charCodeAt(quoteAt) === 0x22 || input.charCodeAt(quoteAt) === 0x27) next = quoteAt + 1;
  }
  while (next - after < MAX_BLANKS && isBlank(input.charCodeAt(next))) next++;
  const code = input.charCodeAt(next);
  return code === 0x3a || code === 0x3d ? next : -1;
}

/** Where the key before the separator at `sep` ends: before blanks, a quote and the backslashes escaping it (`\"token\":`). */
function keyEndBefore(input: string, from: number, sep: number): number {
  let keyEnd = sep;
  while (sep - keyEnd < MAX_BLANKS && keyEnd > from && isBlank(input.charCodeAt(keyEnd - 1))) keyEnd--;
  const quote = input.charCodeAt(keyEnd - 1);
  if (keyEnd > from && (quote === 0x22 || quote === 0x27)) {
    keyEnd--;
    for (let n = 0; n < MAX_ESCAPES && keyEnd > from && input.charCodeAt(keyEnd - 1) === BACKSLASH; n++) keyEnd--;
  }
  return keyEnd;
}

/** `Cookie: a=1; b=2`, `Authorization: Digest username="x", …`: header values run to the end of the line. */
function isHeaderWithSpaces(key: string): boolean {
  const name = normalizeKey(key);
  return name.endsWith('cookie') || name.endsWith('authorization');
}
