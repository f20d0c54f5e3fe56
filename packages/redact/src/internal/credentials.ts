import { blankLength } from './escapes.ts';
import { lineEnd, unquotedEnd } from './value-ends.ts';

/*
 * Where the credentials of an auth scheme (RFC 9110 §11) and a header value end, for the
 * `key=value` detector.
 */

const BACKSLASH = 0x5c;
/** Schemes whose credentials are one token68 (RFC 9110 §11.2): the word after them, and nothing more. */
const TOKEN_SCHEMES = new Set(['bearer', 'basic', 'token', 'negotiate', 'apikey']);
/** Schemes whose credentials are a list of parameters: to the end of the header. */
const PARAMETER_SCHEMES = new Set(['digest']);

/** A value being read: [start, end). */
export interface Span {
  start: number;
  end: number;
}

/**
 * `Authorization: Bearer abc`, `authorization=Basic dXNl…`: when the value starts with an auth
 * scheme word, the secret is only the credentials after it, which end where their grammar ends
 * (one token68, or a header's parameters at `headerEnd`). A scheme word with no credentials after
 * it, or with a pair of its own after it (`token_type=Bearer expires_in=3600` under a denied
 * key), is the value itself.
 */
export function readCredentials(input: string, start: number, headerEnd: number, value: Span): void {
  const wordEnd = unquotedEnd(input, start);
  if (wordEnd - start > 9) return;
  const scheme = input.slice(start, wordEnd).toLowerCase();
  const tokenScheme = TOKEN_SCHEMES.has(scheme);
  if (!tokenScheme && !PARAMETER_SCHEMES.has(scheme)) return;
  let next = wordEnd;
  for (let blank = blankLength(input, next); blank > 0; blank = blankLength(input, next)) next += blank;
  if (next === wordEnd) {
    value.end = wordEnd;
    return;
  }
  // Digest parameters run to the end of the header, or of the line outside a header.
  const end = tokenScheme ? unquotedEnd(input, next) : headerEnd >= 0 ? headerEnd : lineEnd(input, next);
  value.start = next;
  if (end > next && (!tokenScheme || isToken68(input, next, end))) {
    value.end = end;
  } else if (headerEnd >= 0) {
    // Not a token68 after a token scheme in a header: the rest of the header, as for any header.
    value.end = headerEnd;
  } else if (end === next || isPair(input, next, end)) {
    // `token_type=Bearer expires_in=3600`: the next word is a pair of its own; the value is the scheme word.
    value.start = start;
    value.end = wordEnd;
  } else {
    // Not a token68, not a pair (`Bearer user:pass`): kept out of the output all the same.
    value.end = end;
  }
}

/** `key=value`: an `=` with something other than `=` after it. */
function isPair(input: string, start: number, end: number): boolean {
  const equals = input.indexOf('=', start);
  return equals > start && equals + 1 < end && input.charCodeAt(equals + 1) !== 0x3d;
}

/**
 * token68 (RFC 9110 §11.2): letters, digits and `-._~+/` (`\\/` in JSON text), then `=` padding
 * only, so `expires_in=3600` and `key:` are not one.
 */
function isToken68(input: string, start: number, end: number): boolean {
  let i = start;
  while (i < end && isToken68Char(input.charCodeAt(i))) i++;
  if (i === start) return false;
  while (i < end && input.charCodeAt(i) === 0x3d) i++;
  return i === end;
}

function isToken68Char(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) ||
    code === 0x2d || code === 0x2e || code === 0x5f || code === 0x7e || code === 0x2b || code === 0x2f || code === BACKSLASH;
}

/**
 * The end of a header value: the end of its line, or the quote that closes a header written in
 * quotes (`curl -H "Cookie: a=1; b=2" https://…`), before the backslashes that escape it.
 */
export function headerEnd(input: string, from: number, keyStart: number): number {
  const end = lineEnd(input, from);
  const quote = keyStart > 0 ? input.charCodeAt(keyStart - 1) : 0;
  if (quote !== 0x22 && quote !== 0x27) return end;
  let close = input.indexOf(quote === 0x22 ? '"' : "'", from);
  if (close < 0 || close > end) return end;
  while (close > from && input.charCodeAt(close - 1) === BACKSLASH) close--;
  return close;
}
