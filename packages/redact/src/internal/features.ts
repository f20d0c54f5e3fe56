import { vendorHeadAt, vendorHeadBefore } from './vendor-heads.ts';

export { VENDOR_HEAD, WEBHOOK } from './vendor-heads.ts';
/** Any digit: what the opt-in personal-data detectors (phone numbers, national ids) need. */
export const DIGIT = 16384;

/**
 * What a detector needs before it is worth running: one pass over the string sets these bits, and
 * a detector runs only when one of its bits is set. Each bit is a necessary condition of its
 * detector's match (a literal every match holds, a minimum count), never a guess: a string
 * without it cannot hold that secret. Most log strings then cost this one character loop and
 * none of the searches.
 */
export const AT = 1;
export const COLON = 2;
export const EQUALS = 4;
/**
 * 13 digits in one run, where a single space or dash may join two digits (`4111 1111 …`,
 * `4111-1111-…`): the shortest card number has 13, in groups joined that way. Hex ids (UUIDs,
 * trace ids), whose digits are broken up by letters, do not have it.
 */
export const CARD = 8;
/** Two capitals then two digits: the start of an IBAN. */
export const IBAN_HEAD = 16;
export const DOT = 32;
/** Five dashes in a row: the `-----BEGIN` of a PEM block. */
export const PEM = 64;
/** `?` or `&`: a query string. */
export const QUERY = 256;
/**
 * The literal head of a vendor key: `A` then K, S, B, C or I (AKIA, ASIA, ABIA, ACCA, AIza), or
 * the two characters before the `_`, `-` or `.` of gh?_, github_, sk_, rk_, whsec_, npm_,
 * xox?-, sk-, glpat-, SG.
 */
export const KEY_HEAD = 512;
/** `bea`/`bas` in any case: the start of Bearer and Basic. */
export const AUTH_SCHEME = 1024;
/** `eyJ`, the start of a JWT. */
export const JWT_HEAD = 2048;

export function features(text: string): number {
  let bits = 0;
  /** Digits in the current run of digits joined by single spaces or dashes, and where its last digit is. */
  let run = 0;
  let lastDigit = -2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Letters c to z (and what sorts after them), most of a log line, cost one comparison.
    if (code > 0x62) continue;
    if (code === 0x62) {
      if (isAuthScheme(text, i)) bits |= AUTH_SCHEME;
      continue;
    }
    if (code === 0x20 || code === 0x61) continue;
    if (code >= 0x30 && code <= 0x39) {
      bits |= DIGIT;
      run = lastDigit === i - 1 || (lastDigit === i - 2 && isJoiner(text.charCodeAt(i - 1))) ? run + 1 : 1;
      lastDigit = i;
      if (run >= 13) bits |= CARD;
      // Two capitals, then two digits: an IBAN head.
      if (i >= 2 && i + 1 < text.length && isCapital(text.charCodeAt(i - 1)) && isCapital(text.charCodeAt(i - 2)) && isDigit(text.charCodeAt(i + 1))) {
        bits |= IBAN_HEAD;
      }
      continue;
    }
    if (code >= 0x41 && code <= 0x5a) {
      if (code === 0x41 && i + 1 < text.length) {
        const next = text.charCodeAt(i + 1);
        if (next === 0x4b || next === 0x53 || next === 0x42 || next === 0x43 || next === 0x49) bits |= KEY_HEAD;
      } else if (code === 0x42) {
        if (isAuthScheme(text, i)) bits |= AUTH_SCHEME;
      } else if (code === 0x4a && i >= 2 && text.charCodeAt(i - 1) === 0x79 && text.charCodeAt(i - 2) === 0x65) {
        bits |= JWT_HEAD; // eyJ
      } else if (code === 0x4c || code === 0x45 || code === 0x51 || code === 0x53 || code === 0x47) {
        bits |= vendorHeadAt(text, i, code); // LTAI, EZAK, 1Q~, SK, GR1348941
      }
      continue;
    }
    switch (code) {
      case 0x40:
        bits |= AT;
        break;
      case 0x3a:
        bits |= COLON | vendorHeadAt(text, i, code); // 12345678:AA
        break;
      case 0x3d:
        bits |= EQUALS;
        break;
      case 0x3f:
      case 0x26:
        bits |= QUERY;
        break;
      case 0x2e:
        bits |= DOT;
        if (i >= 2 && text.charCodeAt(i - 1) === 0x47 && text.charCodeAt(i - 2) === 0x53) bits |= KEY_HEAD; // SG.
        bits |= vendorHeadBefore(text, i, code);
        break;
      case 0x5f:
        if (i >= 2 && underscoreKeyHead(text.charCodeAt(i - 1), text.charCodeAt(i - 2))) bits |= KEY_HEAD;
        bits |= vendorHeadBefore(text, i, code);
        break;
      case 0x2d:
        if (i >= 2 && dashKeyHead(text.charCodeAt(i - 1), text.charCodeAt(i - 2))) bits |= KEY_HEAD;
        if (i + 4 < text.length && text.charCodeAt(i + 1) === 0x2d && text.startsWith('-----', i)) bits |= PEM;
        bits |= vendorHeadBefore(text, i, code);
        break;
    }
  }
  return bits;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** The space or dash that may join two groups of a card number. */
function isJoiner(code: number): boolean {
  return code === 0x20 || code === 0x2d;
}

function isCapital(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

/**
 * `bea` or `bas` after the B at `i`, in any case. Reads stay inside the string, here and in the
 * loop: a read past the end would make V8 drop the optimised code of the loop.
 */
function isAuthScheme(text: string, i: number): boolean {
  if (i + 2 >= text.length) return false;
  const a = text.charCodeAt(i + 1) | 0x20;
  const b = text.charCodeAt(i + 2) | 0x20;
  return (a === 0x65 && b === 0x61) || (a === 0x61 && b === 0x73);
}

/** xox[abposre]-, sk-, glpat-: the two characters before the dash. */
function dashKeyHead(prev: number, prev2: number): boolean {
  switch (prev) {
    case 0x61: case 0x62: case 0x70: case 0x6f: case 0x73: case 0x72: case 0x65:
      return prev2 === 0x78; // xox?-
    case 0x6b:
      return prev2 === 0x73; // sk-
    case 0x74:
      return prev2 === 0x61; // glpat-
    default:
      return false;
  }
}

/** gh[pousr]_, github_, sk_, rk_, whsec_, npm_: the two characters before the underscore. */
function underscoreKeyHead(prev: number, prev2: number): boolean {
  switch (prev) {
    case 0x70: case 0x6f: case 0x75: case 0x73: case 0x72:
      return prev2 === 0x68; // gh?_
    case 0x62:
      return prev2 === 0x75; // github_
    case 0x6b:
      return prev2 === 0x73 || prev2 === 0x72; // sk_, rk_
    case 0x63:
      return prev2 === 0x65; // whsec_
    case 0x6d:
      return prev2 === 0x70; // npm_
    default:
      return false;
  }
}
