/*
 * Backslash escapes of JSON text (`\n`, `\t`, `\"`, `\uXXXX`…), as found in a string body that
 * holds a JSON line or in `log.record.original`. The letter or hex digit that ends an escape is no
 * part of the word after it: detectors treat an escape as a boundary, and never start or end a
 * secret inside one.
 */

const BACKSLASH = 0x5c;

/**
 * Lookbehind for the start of a regular-expression detector: the position follows none of the
 * characters of `wordClass` (the body of a character class), or follows an escape, and is not
 * inside one (the letter after a lone backslash, the hex digits of `\uXXXX`). A letter after an
 * escaped backslash (`\\n`) is taken for an escape too, as double-encoded JSON writes one.
 */
export function boundaryAfter(wordClass: string): string {
  // The plain test first: inside a run of word characters it fails at once, as before escapes.
  return String.raw`(?:(?<![${wordClass}])(?<!(?<!\\)\\|\\u[0-9A-Fa-f]{0,3})|(?<=\\[bfnrt]|\\u[0-9A-Fa-f]{4}))`;
}

function isHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102) || (code >= 65 && code <= 70);
}

/** Length of the escape that starts at `i` (2, or 6 for `\uXXXX`); 0 when there is none. */
export function escapeLength(input: string, i: number): number {
  if (input.charCodeAt(i) !== BACKSLASH) return 0;
  switch (input.charCodeAt(i + 1)) {
    case 0x22: case 0x5c: case 0x2f: case 0x62: case 0x66: case 0x6e: case 0x72: case 0x74:
      return 2;
    case 0x75:
      for (let k = i + 2; k < i + 6; k++) if (!isHex(input.charCodeAt(k))) return 0;
      return 6;
    default:
      return 0;
  }
}

/** The character an escape of `length` at `i` stands for. */
export function escapedCode(input: string, i: number, length: number): number {
  if (length === 6) return Number.parseInt(input.slice(i + 2, i + 6), 16);
  switch (input.charCodeAt(i + 1)) {
    case 0x62: return 0x08;
    case 0x66: return 0x0c;
    case 0x6e: return 0x0a;
    case 0x72: return 0x0d;
    case 0x74: return 0x09;
    default: return input.charCodeAt(i + 1);
  }
}

/** True when the characters before `i` are an escape that ends in a letter or a hex digit (`\n`, `\uXXXX`). */
export function followsEscape(input: string, i: number): boolean {
  if (i >= 2 && isLetter(input.charCodeAt(i - 1)) && escapeLength(input, i - 2) === 2) return true;
  return i >= 6 && escapeLength(input, i - 6) === 6;
}

/** Backslashes before the `t` of a tab escape: 1 in JSON text, 3 (or 2, read loosely) in JSON in JSON… */
const MAX_TAB_ESCAPES = 7;

/** 1 for a space or a tab at `i`, the length of a `\t` escape (at any depth of JSON) there, 0 otherwise. */
export function blankLength(input: string, i: number): number {
  const code = input.charCodeAt(i);
  if (code === 0x20 || code === 0x09) return 1;
  let end = i;
  while (end - i < MAX_TAB_ESCAPES && input.charCodeAt(end) === BACKSLASH) end++;
  return end > i && input.charCodeAt(end) === 0x74 ? end + 1 - i : 0;
}

/** At most this many backslashes are counted back from a position: the work per anchor stays bounded. */
const MAX_BACKSLASH_RUN = 16;

/**
 * `start` moved past the tail of an escape it falls in: a run of word characters read backwards
 * from an anchor stops at the backslash, so it starts with the escape's letter (`n` of `\n`) or
 * its `uXXXX`. Returns `start` when the run does not start inside an escape. After an even run of
 * backslashes, `\\n` is a backslash then the letter n in JSON text, and a line break in JSON
 * inside a JSON string: `anyParity` takes it for an escape, so that neither level is cut.
 */
export function afterEscapeTail(input: string, start: number, anyParity = false): number {
  // start 0 is common (a run from the start of the string): no read before it.
  if (start === 0 || input.charCodeAt(start - 1) !== BACKSLASH) return start;
  let backslashes = 1;
  while (backslashes < MAX_BACKSLASH_RUN && input.charCodeAt(start - 1 - backslashes) === BACKSLASH) backslashes++;
  if (!anyParity && backslashes % 2 === 0) return start;
  const length = escapeLength(input, start - 1);
  return length > 2 || (length === 2 && isLetter(input.charCodeAt(start))) ? start - 1 + length : start;
}

function isLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}
