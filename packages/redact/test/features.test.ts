import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD, features } from '../src/internal/features.ts';

/** The CARD feature as a regular expression: 13 digits, a single space or dash allowed between two. */
const THIRTEEN_JOINED_DIGITS = /[0-9](?:[ -]?[0-9]){12}/;

const hasCard = (text: string) => (features(text) & CARD) !== 0;

describe('redact feature bits', () => {
  it('sets CARD exactly when 13 digits are joined by nothing or by single spaces or dashes', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '4', '9', ' ', '-', 'a', 'F', '.'), maxLength: 60 });
    fc.assert(fc.property(text, (s) => hasCard(s) === THIRTEEN_JOINED_DIGITS.test(s)), { numRuns: 3000 });
  });

  it('sets CARD for card numbers in every grouping the card pattern reads', () => {
    for (const number of ['4111111111111111', '4111 1111 1111 1111', '4111-1111-1111-1111', '3782 822463 10005', '5555555555554444123', 'card 4242424242424242 ok']) {
      expect(hasCard(number), number).toBe(true);
    }
  });

  it('does not set CARD for UUIDs, trace ids and other hex ids, so the card search does not run on them', () => {
    for (const id of ['01a21666-854d-73fc-ad36-335f713c8027', '0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331', 'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08']) {
      expect(hasCard(id), id).toBe(false);
    }
  });
});
