import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';
import { exportedText, setUp } from './setup.ts';

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const ALNUM = LOWER + UPPER + DIGITS;
const B64URL = `${ALNUM}_-`;

const chars = (alphabet: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });

/** A generated secret: the text logged, and the part of it that must never reach the exporter. */
interface Secret {
  text: string;
  secret: string;
}

const plain = (text: string): Secret => ({ text, secret: text });

function luhnDigit(payload: string): string {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    let d = Number(payload[payload.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function ibanCheck(country: string, bban: string): string {
  const digits = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  return String(98 - remainder).padStart(2, '0');
}

const email = fc
  .tuple(chars(`${LOWER}${DIGITS}._+-`, 1, 20), fc.array(chars(`${LOWER}${DIGITS}`, 1, 10), { minLength: 1, maxLength: 3 }), chars(LOWER, 2, 6))
  .filter(([, , tld]) => !['png', 'jpg', 'jpeg', 'gif', 'svg', 'webp', 'avif', 'ico', 'css', 'js'].includes(tld))
  .map(([local, labels, tld]) => plain(`${local}@${labels.join('.')}.${tld}`));

const card = fc
  .tuple(fc.constantFrom('4', '51', '55', '6011', '35', '2221'), chars(DIGITS, 14, 14), fc.constantFrom('', ' ', '-'))
  .map(([prefix, rest, sep]) => {
    const payload = (prefix + rest).slice(0, 15);
    const number = payload + luhnDigit(payload);
    return plain(sep === '' ? number : number.match(/.{4}/g)!.join(sep));
  });

const iban = fc
  .tuple(fc.constantFrom('DE', 'FR', 'GB', 'NL', 'ES', 'IT', 'BE'), chars(UPPER + DIGITS + DIGITS, 11, 30), fc.boolean())
  .map(([country, bban, grouped]) => {
    const compact = `${country}${ibanCheck(country, bban)}${bban}`;
    return plain(grouped ? compact.match(/.{1,4}/g)!.join(' ') : compact);
  });

const jwt = fc
  .tuple(chars(B64URL, 8, 40), chars(B64URL, 8, 60), chars(B64URL, 0, 43))
  .map(([header, payload, signature]) => plain(`eyJ${header}.eyJ${payload}.${signature}`));

const bearer = chars(`${ALNUM}-._~+/`, 16, 40).map((token) => ({ text: `Bearer ${token}`, secret: token }));

const apiKey = fc.oneof(
  chars(UPPER + DIGITS, 16, 16).map((s) => plain(`AKIA${s}`)),
  chars(ALNUM, 36, 40).map((s) => plain(`ghp_${s}`)),
  chars(ALNUM, 16, 30).map((s) => plain(`sk_live_${s}`)),
  chars(`${ALNUM}-`, 10, 30).map((s) => plain(`xoxb-${s}`)),
  chars(`${ALNUM}_-`, 35, 35).map((s) => plain(`AIza${s}`)),
  chars(ALNUM, 36, 36).map((s) => plain(`npm_${s}`)),
);

const urlCredentials = fc
  .tuple(fc.constantFrom('https', 'postgres', 'redis', 'ftp'), chars(ALNUM, 1, 10), chars(`${ALNUM}!$*+-._~`, 8, 20))
  .map(([scheme, user, password]) => ({ text: `${scheme}://${user}:${password}@db.example.com/app`, secret: password }));

const signedUrl = fc
  .tuple(fc.constantFrom('sig', 'Signature', 'X-Goog-Signature', 'X-Amz-Signature'), chars(`${DIGITS}abcdef%`, 16, 64))
  .map(([name, value]) => ({ text: `https://h.example/o?v=1&${name}=${value}&e=2`, secret: value }));

const keyValue = fc
  .tuple(
    fc.constantFrom('password', 'db_password', 'API_KEY', 'x-auth-token', 'clientSecret', 'accessToken', 'Cookie'),
    fc.constantFrom('=', ': ', ' = ', ':'),
    chars(`${ALNUM}!#$%*+/?^_~-`, 6, 20),
    fc.constantFrom('plain', 'double', 'single', 'json'),
  )
  .map(([key, sep, value, quoting]) => {
    if (quoting === 'double') return { text: `${key}${sep}"${value} x"`, secret: `${value} x` };
    if (quoting === 'single') return { text: `${key}${sep}'${value}'`, secret: value };
    if (quoting === 'json') return { text: `{"${key}":"${value}"}`, secret: value };
    return { text: `${key}${sep}${value}`, secret: value };
  });

const privateKey = chars(`${ALNUM}+/`, 20, 100).map((body) => ({
  text: `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----`,
  secret: body,
}));

const anySecret = fc.oneof(email, card, iban, jwt, bearer, apiKey, urlCredentials, signedUrl, keyValue, privateKey);
const filler = chars(`${ALNUM} .,;!?/()@:=é€\n`, 0, 40);
const delimiter = fc.constantFrom(' ', '\n', '\t', ',', ';', '(', ')', '<', '>', '"', "'", '[', ']', '|', '{', '}');
const fieldName = chars(LOWER, 1, 8);

describe('redact property', () => {
  it('never lets a generated secret embedded in random text reach the exporter, in bodies or attributes', () => {
    const { emit } = setUp([redact()]);
    fc.assert(
      fc.property(anySecret, filler, filler, delimiter, delimiter, fieldName, fieldName, fc.nat(2), (s, before, after, open, close, k1, k2, placement) => {
        const text = `${before}${open}${s.text}${close}${after}`;
        const record =
          placement === 0 ? emit({ body: text })
          : placement === 1 ? emit({ body: { [k1]: { [k2]: [1, text] } } })
          : emit({ attributes: { [k1]: text, [`${k2}.list`]: [text, 'x'] } });
        expect(exportedText(record)).not.toContain(s.secret);
      }),
      { seed: 42, numRuns: 1500 },
    );
  });

  it('leaves text without secrets unchanged, in an equal copy of the body', () => {
    const { emit } = setUp([redact()]);
    const benign = chars(`${LOWER}BCDEFGHIJ .,;!?'"()é€\n`, 0, 200);
    fc.assert(
      fc.property(benign, (text) => {
        const body = { message: text, words: text.split(' ') };
        const record = emit({ body, attributes: { 'log.message': text } });
        expect(record?.body).toEqual(body);
        expect(record?.attributes['log.message']).toBe(text);
      }),
      { seed: 42, numRuns: 500 },
    );
  });
});
