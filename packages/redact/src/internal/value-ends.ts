import { escapedCode, escapeLength } from './escapes.ts';

/*
 * Where the value of a `key=value` / `"key": "value"` written in text ends. The text may be JSON,
 * or JSON inside a JSON string (a quote written `\"`, then `\\\"` one level down): escapes are
 * read whole, by runs of backslashes, so that a replacement never cuts one at any level.
 */

const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;

/** Where an unquoted value stops: white space, quotes and the delimiters of JSON, logfmt, query strings. */
function endsUnquoted(code: number): boolean {
  return code <= 0x20 || code === QUOTE || code === APOSTROPHE || code === 0x2c || code === 0x3b || code === 0x26 ||
    code === 0x7d || code === 0x5d || code === 0x29 || code === 0x3c || code === 0x3e || code === 0xa0;
}

/** The end of the run of backslashes that starts at `i`. */
export function backslashRunEnd(input: string, i: number): number {
  let end = i;
  while (input.charCodeAt(end) === BACKSLASH) end++;
  return end;
}

/**
 * The end of an unquoted value. An escape is read as the character it stands for, at any depth:
 * `\n` and `\\n` end the value before their backslashes, `\\` and `\u00e9` are part of it. A quote
 * escaped at any depth (`\"`, `\\\"`) ends it before all its backslashes. A password holding a
 * backslash then `n`, `t`, `r`, `b` or `f` is cut there.
 */
export function unquotedEnd(input: string, from: number): number {
  let i = from;
  while (i < input.length) {
    const code = input.charCodeAt(i);
    if (code !== BACKSLASH) {
      if (endsUnquoted(code)) return i;
      i++;
      continue;
    }
    const runEnd = backslashRunEnd(input, i);
    const next = input.charCodeAt(runEnd);
    if (next === QUOTE || next === APOSTROPHE) return i;
    // After any run, not only an odd one: `\\n` is a line break of JSON inside a JSON string, and a
    // value read past it would swallow the next `key=` and leave its value to no one.
    const escape = escapeLength(input, runEnd - 1);
    if (escape > 0 && endsUnquoted(escapedCode(input, runEnd - 1, escape))) return i;
    i = escape > 0 ? runEnd - 1 + escape : runEnd;
  }
  return input.length;
}

/**
 * The depth of JSON text at which a quote after `run` backslashes is bare: 0 after none, 1 for
 * `\"`, 2 for `\\\"`; 1 again for `\\\\\"`, two backslashes then `\"` one level down.
 */
function quoteDepth(run: number): number {
  let depth = 0;
  for (let r = run; r % 2 === 1; r = (r - 1) / 2) depth++;
  return depth;
}

/**
 * The end of a quoted value that starts at `from`, its opening `quote` escaped by `escapes`
 * backslashes (0, or 1 for `\"token\":\"…` inside a JSON string, 3 one level down): the same
 * quote at the same depth closes it. A line break or a quote of a level around the value ends
 * it; when it never closes, so does the first line break of its own level, or a quote, bare or
 * escaped, around a value in apostrophes.
 */
export function quotedEnd(input: string, from: number, quote: number, escapes: number): number {
  let fallback = -1;
  for (let i = from; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) return i;
    if (code === quote || code === QUOTE) {
      if (escapes > 0 || code === quote) return i;
      if (fallback < 0) fallback = i;
      continue;
    }
    if (code !== BACKSLASH) continue;
    const runEnd = backslashRunEnd(input, i);
    const run = runEnd - i;
    const next = input.charCodeAt(runEnd);
    // As deep as the opening quote: it closes; less deep: it closes a JSON string around the value.
    if ((next === quote || next === QUOTE) && escapes > 0) {
      const depth = quoteDepth(run);
      if (depth < quoteDepth(escapes) || (depth === quoteDepth(escapes) && next === quote)) return i;
    }
    if (next === 0x6e || next === 0x72) {
      // A line break of a level around the value ends it; one of its own level only if it never closes.
      if (run <= escapes) return i;
      if (run === escapes + 1 && fallback < 0) fallback = i;
    } else if (next === QUOTE && run % 2 === 1 && fallback < 0) {
      // `'…\"`: a value in apostrophes that never closes stops before an escaped quote.
      fallback = i;
    }
    // The character after an odd run is escaped: it neither closes nor ends the value.
    i = run % 2 === 1 ? runEnd : runEnd - 1;
  }
  return fallback >= 0 ? fallback : input.length;
}

/**
 * The end of the line: a line break, a `\n` or `\r` escape of JSON text, or the quote that closes
 * the JSON string the line is in (`{"msg":"Cookie: a=1","n":1}`; the quotes of `Digest
 * username="x", realm="y"` are the header's).
 */
export function lineEnd(input: string, from: number): number {
  for (let i = from; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x0a || code === 0x0d || (code === QUOTE && closesJsonString(input, i))) return i;
    const escape = escapeLength(input, i);
    if (escape === 0) continue;
    const escaped = escapedCode(input, i, escape);
    if (escaped === 0x0a || escaped === 0x0d) return i;
    i += escape - 1;
  }
  return input.length;
}

/**
 * True when the quote at `i`, right after `password=`, is the one that closes a JSON string
 * (`{"msg":"password=","n":1}`, or `\"` one level down): what follows it is JSON's `,"`, `:`, `}`
 * or `]`, not a value.
 */
export function closesJsonString(input: string, i: number): boolean {
  let next = i + 1;
  while (input.charCodeAt(next) === 0x20) next++;
  const code = input.charCodeAt(next);
  if (code === 0x7d || code === 0x5d || code === 0x3a) return true;
  if (code !== 0x2c) return false;
  next++;
  while (input.charCodeAt(next) === 0x20) next++;
  for (let n = 0; n < 16 && input.charCodeAt(next) === BACKSLASH; n++) next++;
  return input.charCodeAt(next) === QUOTE;
}
