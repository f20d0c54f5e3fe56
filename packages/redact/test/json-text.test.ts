import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';
import { setUp } from './setup.ts';

const R = '[REDACTED]';
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
const line = (msg: string) => JSON.stringify({ msg });

describe('redact in JSON text', () => {
  const { emit } = setUp([redact()]);
  const redacted = (text: string) => emit({ body: text })?.body as string;

  it.each([
    ['an AWS key after \\n', 'retrying with\nAKIAIOSFODNN7EXAMPLE', `retrying with\n${R}`],
    ['an email after \\t', 'to:\tjane@example.com', `to:\t${R}`],
    ['a JWT after \\n', `session\n${JWT}`, `session\n${R}`],
    ['a bearer token after \\r', 'sent\rBearer abcdefghijklmnop1234', `sent\rBearer ${R}`],
    ['a bearer token after a \\t blank', 'Bearer\tabcdefghijklmnop1234', `Bearer\t${R}`],
    ['a password= after \\n', 'retry\npassword=hunter2\nnext', `retry\npassword=${R}\nnext`],
    ['a password: followed by a \\t blank', 'password:\thunter2', `password:\t${R}`],
    ['an IBAN after \\n', 'pay\nDE89370400440532013000', `pay\n${R}`],
    ['a card number after \\u0001', 'card\u00014111111111111111', `card\u0001${R}`],
  ])('redacts %s and keeps the escape', (_name, text, expected) => {
    const out = redacted(line(text));
    expect(out).toBe(line(expected));
    expect(JSON.parse(out)).toEqual({ msg: expected });
  });

  it('turns the exact lines of the reliability suite into valid JSON without the secret', () => {
    expect(redacted('{"msg":"retrying with\\nAKIAIOSFODNN7EXAMPLE"}')).toBe(`{"msg":"retrying with\\n${R}"}`);
    expect(redacted('"to:\\tjane@example.com"')).toBe(`"to:\\t${R}"`);
  });

  it('redacts a secret after a \\uXXXX escape of a letter or digit', () => {
    expect(redacted('{"msg":"caf\\u00e9jane@example.com"}')).toBe(`{"msg":"caf\\u00e9${R}"}`);
    expect(redacted('{"msg":"n\\u00b04111111111111111"}')).toBe(`{"msg":"n\\u00b0${R}"}`);
  });

  it('finds a key after an inner escape of double-encoded JSON, and keeps both levels valid', () => {
    const inner = JSON.stringify({ msg: 'retry\npassword=hunter2\tnext\ntoken: "abc"' });
    const out = redacted(JSON.stringify({ body: inner }));
    expect(JSON.parse(JSON.parse(out).body)).toEqual({ msg: `retry\npassword=${R}\tnext\ntoken: "${R}"` });
  });

  it('tries both readings of a letter after an escaped backslash for a key, which stays in place', () => {
    // `\\token` is a backslash then `token` in JSON text, and a tab then `oken` one level down.
    expect(redacted('{"msg":"C:\\\\token: abc"}')).toBe(`{"msg":"C:\\\\token: ${R}"}`);
  });

  it('keeps a letter after an escaped backslash out of a replaced address, so that no level of JSON is cut', () => {
    expect(redacted('{"msg":"dir\\\\njane@example.com"}')).toBe(`{"msg":"dir\\\\n${R}"}`);
  });

  it('ends a value in escaped quotes where its JSON string ends, when the quote never closes', () => {
    expect(redacted('{"msg":"\\"secret\\":\\"abc\\ndef","n":1}')).toBe(`{"msg":"\\"secret\\":\\"${R}\\ndef","n":1}`);
    expect(redacted('{"msg":"\\"secret\\":\\"abc","n":1}')).toBe(`{"msg":"\\"secret\\":\\"${R}","n":1}`);
  });

  it('takes the quote after a key at the end of a JSON string for the end of that string', () => {
    expect(redacted('{"msg":"password=","n":1}')).toBe('{"msg":"password=","n":1}');
    expect(redacted('{"msg":"password=" , "n":1}')).toBe('{"msg":"password=" , "n":1}');
  });

  it('ends an unquoted value before an escaped quote or line break, and never cuts an escape', () => {
    expect(redacted('{"msg":"password=abc\\" x"}')).toBe(`{"msg":"password=${R}\\" x"}`);
    expect(redacted('{"msg":"password=ab\\\\cd\\/ef x"}')).toBe(`{"msg":"password=${R} x"}`);
    expect(redacted('{"msg":"Cookie: a=1; b=2\\nnext line"}')).toBe(`{"msg":"Cookie: ${R}\\nnext line"}`);
  });

  it('ends a header value where its JSON string ends, and keeps the quotes of a Digest header in plain text', () => {
    expect(redacted('{"msg":"Cookie: a=1; b=2","n":1}')).toBe(`{"msg":"Cookie: ${R}","n":1}`);
    expect(redacted('Authorization: Digest username="bob", realm="x", response="abc"')).toBe(`Authorization: Digest ${R}`);
  });

  it('reads \\/ in a bearer token and in the scheme of a URL, as JSON encoders that escape slashes write them', () => {
    expect(redacted('{"msg":"Bearer abcdefghij\\/klmnopqrstu"}')).toBe(`{"msg":"Bearer ${R}"}`);
    expect(redacted('{"msg":"https:\\/\\/user:pw@host\\/x"}')).toBe('{"msg":"https:\\/\\/REDACTED:REDACTED@host\\/x"}');
  });

  it('redacts log.record.original, the JSON line parseBody keeps beside the parsed message', () => {
    const original = '{"level":"warn","msg":"retrying","detail":"with\\nAKIAIOSFODNN7EXAMPLE"}';
    const record = emit({ body: 'retrying', attributes: { 'log.record.original': original } });
    expect(record?.attributes['log.record.original']).toBe(`{"level":"warn","msg":"retrying","detail":"with\\n${R}"}`);
  });

  it('keeps JSON text valid and lets no secret through when secrets sit between escaped characters', () => {
    const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    const chars = (alphabet: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: min, maxLength: max });
    const secret = fc.oneof(
      chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 16, 16).map((s) => ({ text: `AKIA${s}`, secret: `AKIA${s}` })),
      chars(`${ALNUM}-._~+/`, 16, 40).map((s) => ({ text: `Bearer ${s}`, secret: s })),
      fc.tuple(chars(ALNUM, 1, 12), chars('abcdefghij', 2, 8)).map(([l, d]) => ({ text: `${l}@${d}.com`, secret: `${l}@${d}.com` })),
      chars(ALNUM, 6, 20).map((s) => ({ text: `password=${s}`, secret: s })),
      fc.constant({ text: JWT, secret: JWT }),
    );
    // What JSON escapes or leaves as it is; never a letter or digit, which would glue onto the secret.
    const around = fc.constantFrom('\n', '\t', '\r', '"', '\\', '/', '\u0001', 'é', ' ', '\u2028');
    const filler = fc.string({ unit: fc.constantFrom('a', 'Z', '9', ' ', '\n', '\\', '"', '/', 'é', '\u2028'), maxLength: 12 });
    const encodings = [
      (value: unknown) => JSON.stringify(value),
      (value: unknown) => JSON.stringify(value).replaceAll('/', '\\/'),
      (value: unknown) => JSON.stringify(value).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    ];
    fc.assert(
      fc.property(secret, filler, filler, around, around, fc.nat(encodings.length - 1), (s, before, after, open, close, encoding) => {
        const out = redacted(encodings[encoding]!({ msg: `${before}${open}${s.text}${close}${after}`, n: 1 }));
        const decoded = JSON.parse(out) as { msg: string; n: number };
        expect(decoded.n).toBe(1);
        expect(decoded.msg).not.toContain(s.secret);
      }),
      { seed: 42, numRuns: 1500 },
    );
  });
});
