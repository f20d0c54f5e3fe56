/**
 * Characters a detector needs before it is worth running: one pass over the string sets these
 * bits, and a detector runs only when one of its bits is set. Most log strings then cost a
 * character loop and a few regular expressions rather than all of them.
 */
export const AT = 1;
export const COLON = 2;
export const EQUALS = 4;
/** Four digits in a row: the start of a card number. */
export const DIGITS4 = 8;
/** Two capitals then two digits: the start of an IBAN. */
export const IBAN_HEAD = 16;
export const DOT = 32;
export const DASH = 64;
export const UNDERSCORE = 128;
/** `?` or `&`: a query string. */
export const QUERY = 256;
/** A capital A or S: AKIA, ASIA, ABIA, ACCA, AIza and SG. keys start with one. */
export const KEY_HEAD = 512;
/** `B`/`b` of Bearer and Basic. */
export const B_LETTER = 1024;
/** `e` of the `eyJ` that starts a JWT. */
export const E_LETTER = 2048;

export function features(text: string): number {
  let bits = 0;
  let digits = 0;
  let capitals = 0;
  let capitalsThenDigits = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      digits++;
      if (digits >= 4) bits |= DIGITS4;
      if (capitalsThenDigits >= 2 && digits >= 2) bits |= IBAN_HEAD;
      capitals = 0;
      continue;
    }
    digits = 0;
    if (code >= 65 && code <= 90) {
      capitals++;
      capitalsThenDigits = capitals;
      if (code === 66) bits |= B_LETTER;
      else if (code === 65 || code === 83) bits |= KEY_HEAD;
      continue;
    }
    capitals = 0;
    capitalsThenDigits = 0;
    bits |= bitOf(code);
  }
  return bits;
}

function bitOf(code: number): number {
  switch (code) {
    case 0x40:
      return AT;
    case 0x3a:
      return COLON;
    case 0x3d:
      return EQUALS;
    case 0x2e:
      return DOT;
    case 0x2d:
      return DASH;
    case 0x5f:
      return UNDERSCORE;
    case 0x3f:
    case 0x26:
      return QUERY;
    case 0x62:
      return B_LETTER;
    case 0x65:
      return E_LETTER;
    default:
      return 0;
  }
}
