import { isIPv6 } from 'node:net';
import { found, type Detector } from './detector.ts';
import { afterEscapeTail, followsEscape } from './escapes.ts';
import { AT, COLON } from './features.ts';

/*
 * Detectors anchored on a character every match holds (`@`, `://`, `:`): indexOf finds the
 * anchors, a bounded backward walk finds where the match starts, and a sticky regular expression
 * (bounded, no lookbehind) reads what follows. Each anchor costs a bounded amount of work, so a
 * detector is linear in the length of the string. A run that starts inside a JSON escape (the `n`
 * of `\n`, or of `\\n` in JSON inside a JSON string) starts after it.
 */

/**
 * The start of the run of `isPart` characters that ends just before `end`, walking back at most
 * `max + 1` characters and never before `from`: a result with `end - start > max` means the run
 * is too long. A run that continues before `from` (where a previous secret ended) is cut at `from`.
 */
export function runStart(input: string, end: number, from: number, isPart: (code: number) => boolean, max: number): number {
  let start = end;
  while (start > from && end - start <= max && isPart(input.charCodeAt(start - 1))) start--;
  return start;
}

const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isAlnum = (c: number) => isLetter(c) || isDigit(c);
const isLocalPart = (c: number) => isAlnum(c) || c === 0x2e || c === 0x5f || c === 0x25 || c === 0x2b || c === 0x2d;
const isSchemePart = (c: number) => isAlnum(c) || c === 0x2b || c === 0x2e || c === 0x2d;
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isIPv6Part = (c: number) => isHex(c) || c === 0x3a || c === 0x2e;

/** `icon@2x.png` is an asset, not an address: none of these is a top-level domain. */
const FILE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'css', 'js'];

/** True when input[start, end) is one of FILE_EXTENSIONS in any case; read in place, without a copy. */
function isFileExtension(input: string, start: number, end: number): boolean {
  for (const extension of FILE_EXTENSIONS) {
    if (extension.length !== end - start) continue;
    let i = 0;
    while (i < extension.length && (input.charCodeAt(start + i) | 0x20) === extension.charCodeAt(i)) i++;
    if (i === extension.length) return true;
  }
  return false;
}

const EMAIL_DOMAIN = /[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])/y;

/** `local@domain.tld`: a local part of 1 to 64 characters, up to 10 labels, a TLD of letters. */
export const email: Detector = {
  name: 'email',
  needsAny: AT,
  needsAll: 0,
  next(input, from, hit) {
    for (let at = input.indexOf('@', from); at >= 0; at = input.indexOf('@', at + 1)) {
      const run = runStart(input, at, from, isLocalPart, 64);
      // A letter after `\\` is read as an escape (JSON in JSON), unless nothing would be left.
      let start = afterEscapeTail(input, run, true);
      if (start >= at) start = afterEscapeTail(input, run);
      if (start >= at || at - start > 64) continue;
      EMAIL_DOMAIN.lastIndex = at + 1;
      if (EMAIL_DOMAIN.test(input)) {
        const end = EMAIL_DOMAIN.lastIndex;
        if (!isFileExtension(input, input.lastIndexOf('.', end) + 1, end)) return found(hit, start, start, end, end, 'email');
      }
    }
    return false;
  },
};

/** `://`, and `:\/\/` of JSON text that escapes slashes: one search finds the next of either. */
const SCHEME_SEPARATOR = /:(?:\/\/|\\\/\\\/)/g;

/** User information up to its last `@` before the host: passwords may hold an unencoded `@`. */
const USERINFO = /[^\s/?#"'<>\\]{1,512}@/y;

/** `scheme://user:password@`: the user information becomes REDACTED:REDACTED, as the OTel URL conventions say. */
export const urlCredentials: Detector = {
  name: 'url',
  needsAny: AT,
  needsAll: AT | COLON,
  next(input, from, hit) {
    for (SCHEME_SEPARATOR.lastIndex = from; SCHEME_SEPARATOR.test(input); ) {
      const authority = SCHEME_SEPARATOR.lastIndex;
      const sep = input.lastIndexOf(':', authority - 1);
      SCHEME_SEPARATOR.lastIndex = sep + 1;
      const start = afterEscapeTail(input, runStart(input, sep, from, isSchemePart, 32), true);
      if (start >= sep || sep - start > 32 || !isLetter(input.charCodeAt(start))) continue;
      USERINFO.lastIndex = authority;
      if (USERINFO.test(input)) {
        const end = USERINFO.lastIndex;
        return found(hit, start, authority, end, end, 'userinfo');
      }
    }
    return false;
  },
};

const IPV6 = /(?=[0-9A-Fa-f]{0,4}:[0-9A-Fa-f]{0,4}:)[0-9A-Fa-f:]{2,39}(?:\.[0-9]{1,3}){0,3}(?![A-Za-z0-9:])/y;

/** IPv6 addresses, checked by `net.isIPv6` (so times such as 12:30:45 and MAC addresses are left alone). */
export const ipv6: Detector = {
  name: 'ipv6',
  needsAny: COLON,
  needsAll: 0,
  next(input, from, hit) {
    let colon = input.indexOf(':', from);
    while (colon >= 0) {
      const start = afterEscapeTail(input, runStart(input, colon, from, isHex, 4), true);
      const before = start > from && !followsEscape(input, start) ? input.charCodeAt(start - 1) : NaN;
      if (colon - start <= 4 && !(isAlnum(before) || before === 0x3a || before === 0x2e)) {
        IPV6.lastIndex = start;
        if (IPV6.test(input) && isIPv6(input.slice(start, IPV6.lastIndex))) {
          return found(hit, start, start, IPV6.lastIndex, IPV6.lastIndex, 'value');
        }
      }
      // The other colons of this run of hex digits, colons and dots start no address.
      let next = colon + 1;
      while (next < input.length && isIPv6Part(input.charCodeAt(next))) next++;
      colon = input.indexOf(':', next);
    }
    return false;
  },
};
