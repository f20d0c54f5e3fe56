import { Buffer } from 'node:buffer';

/** The Luhn check digit test of payment card numbers, over the digits of `text` in [start, end). */
export function luhnValid(text: string, start = 0, end = text.length): boolean {
  let sum = 0;
  let double = false;
  for (let i = end - 1; i >= start; i--) {
    let d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) continue;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** 10^6 mod 97: shifts a remainder past the six digits of country code and check digits. */
const SHIFT_6_DIGITS = 27;

function ibanCharValue(code: number): number {
  // A letter reads as two digits, A = 10 … Z = 35.
  return code <= 57 ? code - 48 : code - 55;
}

/**
 * ISO 13616 check of the IBAN candidate in [start, end) of `input` (2 capitals, 2 digits, then
 * groups that may be separated by single spaces): the end of the longest prefix, ending at a group
 * boundary, that is 15 to 34 characters long and is 1 modulo 97 once rearranged; -1 for none.
 * One pass: the remainder of the account part is carried, and the rearranged tail added at each boundary.
 */
export function ibanSpanEnd(input: string, start: number, end: number): number {
  const country = ibanCharValue(input.charCodeAt(start)) * 100 + ibanCharValue(input.charCodeAt(start + 1));
  const tail = country * 100 + ibanCharValue(input.charCodeAt(start + 2)) * 10 + ibanCharValue(input.charCodeAt(start + 3));
  let remainder = 0;
  let length = 4;
  let best = -1;
  for (let i = start + 4; i <= end; i++) {
    const code = i < end ? input.charCodeAt(i) : 0x20;
    if (code === 0x20) {
      if (length >= 15 && length <= 34 && (remainder * SHIFT_6_DIGITS + tail) % 97 === 1) best = i;
      continue;
    }
    const value = ibanCharValue(code);
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
    length++;
  }
  return best;
}

/** True when base64 `text` decodes to printable ASCII holding a colon: `user:password` of HTTP Basic. */
export function basicCredentials(text: string): boolean {
  const decoded = Buffer.from(text, 'base64');
  if (decoded.length < 3) return false;
  let colon = false;
  for (const byte of decoded) {
    if (byte < 0x20 || byte > 0x7e) return false;
    if (byte === 0x3a) colon = true;
  }
  return colon;
}
