import { found } from './detector.ts';
import { DIGIT } from './features.ts';
import { regexDetector } from './regex-detector.ts';

/*
 * Personal data detectors, all opt-in (DEFAULT_OFF_PATTERNS): the entities of Microsoft Presidio's
 * predefined recognizers that log lines carry, written here from the formats' definitions, with
 * the check digits of each format where it has one. Their false-positive counts on the negative
 * corpus are in the README.
 */

function countDigits(input: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (input.charCodeAt(i) >= 0x30 && input.charCodeAt(i) <= 0x39) n++;
  return n;
}

/** Phone numbers in E.164 form, `+` and 8 to 15 digits, grouped by spaces, dots, dashes or parentheses. */
const e164 = String.raw`(?<![0-9A-Za-z+])\+[1-9][0-9 .\-()]{6,22}[0-9](?![0-9])`;
/**
 * National formats written with their separators (a bare run of digits is an id more often than
 * a phone): North American `(415) 555-0134`, `415-555-0134`, `415.555.0134`; French
 * `06 12 34 56 78`, `01.23.45.67.89`; British `020 7946 0958`, `07700 900123`.
 */
const national = String.raw`(?<![0-9A-Za-z.\-])(?:(?:\([2-9][0-9]{2}\) ?|[2-9][0-9]{2}[\-.])[2-9][0-9]{2}[\-.][0-9]{4}` +
  String.raw`|0[1-9](?:[ .][0-9]{2}){4}|0[1-9][0-9]{3} [0-9]{6}|0[1-9][0-9] [0-9]{4} [0-9]{4})(?![0-9]|[.\-][0-9])`;

export const phone = regexDetector('phone', [DIGIT, 0], `${e164}|${national}`, (input, start, end, hit) => {
  if (input.charCodeAt(start) === 0x2b) {
    const digits = countDigits(input, start, end);
    if (digits < 8 || digits > 15 || /[ .\-()]{2}/.test(input.slice(start, end).replace(') ', ')').replace(' (', '('))) return false;
  }
  return found(hit, start, start, end, end, 'value');
});

/**
 * US Social Security numbers written `AAA-GG-SSSS` (or with spaces): area 001-899 but 666, group
 * 01-99, serial 0001-9999, as the SSA assigns them. Nine bare digits are left alone.
 */
export const usSsn = regexDetector(
  'usSsn',
  [DIGIT, 0],
  String.raw`(?<![0-9\-])(?!000|666|9)[0-9]{3}([ \-])(?!00)[0-9]{2}\1(?!0000)[0-9]{4}(?![0-9]|-[0-9])`,
  (_input, start, end, hit) => found(hit, start, start, end, end, 'value'),
);

/**
 * French NIR (numéro de sécurité sociale), 13 digits and a 2-digit key, compact or grouped
 * `1 84 12 75 123 456 78`; the key is 97 minus the number mod 97 (Corsica's 2A and 2B read as 19
 * and 18).
 */
export const frNir = regexDetector(
  'frNir',
  [DIGIT, 0],
  String.raw`(?<![0-9A-Za-z])[12] ?[0-9]{2} ?(?:0[1-9]|1[0-2]|[2-9][0-9]) ?(?:[0-9]{2}|2[ABab]) ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}(?![0-9A-Za-z])`,
  (input, start, end, hit) => nirKeyValid(input.slice(start, end).replaceAll(' ', '')) && found(hit, start, start, end, end, 'value'),
);

function nirKeyValid(nir: string): boolean {
  const corsica = nir.slice(5, 7).toUpperCase();
  const digits = nir.slice(0, 5) + (corsica === '2A' ? '19' : corsica === '2B' ? '18' : corsica) + nir.slice(7, 13);
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  return 97 - remainder === Number(nir.slice(13));
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

/** Spanish DNI (8 digits and a check letter) and NIE (X, Y or Z, 7 digits, a check letter): the letter is the number mod 23. */
export const esDni = regexDetector(
  'esDni',
  [DIGIT, 0],
  String.raw`(?<![0-9A-Za-z])(?:[XYZ][ \-]?[0-9]{7}|[0-9]{8})[ \-]?[A-Z](?![0-9A-Za-z])`,
  (input, start, end, hit) => dniLetterValid(input.slice(start, end)) && found(hit, start, start, end, end, 'value'),
);

function dniLetterValid(text: string): boolean {
  const compact = text.replace(/[ -]/g, '');
  const head = 'XYZ'.indexOf(compact.charAt(0));
  const number = Number((head >= 0 ? String(head) : '') + compact.slice(head >= 0 ? 1 : 0, -1));
  return DNI_LETTERS.charAt(number % 23) === compact.at(-1);
}

