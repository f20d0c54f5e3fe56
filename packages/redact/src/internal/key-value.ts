import { runStart } from './anchored.ts';
import { found, type Detector, type DetectorContext, type Hit } from './detector.ts';
import { COLON, EQUALS } from './features.ts';
import { normalizeKey } from './key-words.ts';

const BACKSLASH = 0x5c;
/** Blanks allowed on either side of the separator, as in `key = value` and `"key": "value"`. */
const MAX_BLANKS = 4;
/** A longer run of key characters is not taken for a key. */
const MAX_KEY_LENGTH = 128;
const AUTH_SCHEMES = new Set(['bearer', 'basic', 'digest', 'token', 'negotiate', 'apikey']);

const isBlank = (code: number) => code === 0x20 || code === 0x09;

function isKeyChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ||
    code === 0x5f || code === 0x2e || code === 0x2d
  );
}

/** Where an unquoted value stops: white space, quotes and the delimiters of JSON, logfmt, query strings. */
function endsUnquoted(code: number): boolean {
  return code <= 0x20 || code === 0x22 || code === 0x27 || code === 0x2c || code === 0x3b || code === 0x26 ||
    code === 0x7d || code === 0x5d || code === 0x29 || code === 0x3c || code === 0x3e || code === 0xa0;
}

/**
 * `password=…`, `"token": "…"`, `Authorization: …` in text, for keys on the deny list: anchored on
 * each `:` and `=`, the key is read backwards (over blanks, a quote, an escaped quote), the value
 * forwards. The value is the secret; the key stays.
 */
export const keyValue: Detector = {
  name: 'keyValue',
  needsAny: COLON | EQUALS,
  needsAll: 0,
  next(input, from, hit, context) {
    // One loop for both separators: two indexOf cursors would rescan to the end for the one absent.
    for (let sep = from; sep < input.length; sep++) {
      const code = input.charCodeAt(sep);
      if ((code === 0x3a || code === 0x3d) && atSeparator(input, from, sep, hit, context)) return true;
    }
    return false;
  },
};

function atSeparator(input: string, from: number, sep: number, hit: Hit, context: DetectorContext): boolean {
  let keyEnd = sep;
  while (sep - keyEnd < MAX_BLANKS && keyEnd > from && isBlank(input.charCodeAt(keyEnd - 1))) keyEnd--;
  const quote = input.charCodeAt(keyEnd - 1);
  if (keyEnd > from && (quote === 0x22 || quote === 0x27)) {
    keyEnd--;
    if (keyEnd > from && input.charCodeAt(keyEnd - 1) === BACKSLASH) keyEnd--;
  }
  const keyStart = runStart(input, keyEnd, from, isKeyChar, MAX_KEY_LENGTH);
  if (keyStart === keyEnd || keyEnd - keyStart > MAX_KEY_LENGTH) return false;
  const key = input.slice(keyStart, keyEnd);
  if (!context.deniedInText(key)) return false;

  let valueStart = sep + 1;
  while (valueStart - sep <= MAX_BLANKS && isBlank(input.charCodeAt(valueStart))) valueStart++;
  const first = input.charCodeAt(valueStart);
  const second = input.charCodeAt(valueStart + 1);
  let valueEnd: number;
  if (first === 0x22 || first === 0x27) {
    valueStart += 1;
    valueEnd = quotedEnd(input, valueStart, first, false);
  } else if (first === BACKSLASH && (second === 0x22 || second === 0x27)) {
    valueStart += 2;
    valueEnd = quotedEnd(input, valueStart, second, true);
  } else if (input.charCodeAt(sep) === 0x3a && isHeaderWithSpaces(key)) {
    valueEnd = lineEnd(input, valueStart);
  } else {
    valueEnd = overScheme(input, valueStart, unquotedEnd(input, valueStart));
  }
  return valueEnd > valueStart && found(hit, keyStart, valueStart, valueEnd, valueEnd, 'value');
}

/** `Cookie: a=1; b=2`, `Authorization: Digest username="x", …`: header values run to the end of the line. */
function isHeaderWithSpaces(key: string): boolean {
  const name = normalizeKey(key);
  return name.endsWith('cookie') || name.endsWith('authorization');
}

function lineEnd(input: string, from: number): number {
  for (let i = from; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) return i;
  }
  return input.length;
}

function unquotedEnd(input: string, from: number): number {
  let i = from;
  while (i < input.length && !endsUnquoted(input.charCodeAt(i))) i++;
  return i;
}

/** The end of a quoted value: the next unescaped `quote`, or the end of the line when it never closes. */
function quotedEnd(input: string, from: number, quote: number, escapedQuote: boolean): number {
  for (let i = from; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) return i;
    if (escapedQuote) {
      if (code === BACKSLASH && input.charCodeAt(i + 1) === quote) return i;
    } else if (code === BACKSLASH) {
      i++;
    } else if (code === quote) {
      return i;
    }
  }
  return input.length;
}

/** `authorization=Bearer abc`: the value is the scheme word and the credentials after it. */
function overScheme(input: string, valueStart: number, valueEnd: number): number {
  if (valueEnd - valueStart > 9 || !AUTH_SCHEMES.has(input.slice(valueStart, valueEnd).toLowerCase())) return valueEnd;
  let next = valueEnd;
  while (isBlank(input.charCodeAt(next))) next++;
  return next > valueEnd ? unquotedEnd(input, next) : valueEnd;
}
