import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';
import { setUp } from './setup.ts';

const R = '[REDACTED]';
const TOKEN = 'abcdefghijklmnopqrstuv';

describe('redact overlapping secrets', () => {
  const { emit } = setUp([redact()]);

  it.each([
    // The key=value match takes `(Bearer`; the bearer match, which starts inside it, still counts.
    [`password=(Bearer ${TOKEN}`, `password=${R} ${R}`],
    [`token: (Bearer ${TOKEN}`, `token: ${R} ${R}`],
    [`password==Bearer ${TOKEN}`, `password=${R} ${R}`],
    [`password=[Bearer ${TOKEN}`, `password=${R} ${R}`],
    // The URL detector reads the AWS key as a scheme; the key is replaced all the same.
    ['AKIAIOSFODNN7EXAMPLE://user@host', `${R}://REDACTED@host`],
    ['AKIAIOSFODNN7EXAMPLE://user:pw@host', `${R}://REDACTED:REDACTED@host`],
  ])('redacts every secret of %j when their matches overlap', (logged, exported) => {
    expect(emit({ body: logged })?.body).toBe(exported);
  });

  it('replaces the union of two secrets as one when one starts inside the other and runs past it', () => {
    // The value is `x4111` (it ends at the space); the card number starts inside it.
    expect(emit({ body: 'password=x4111 1111 1111 1111 ok' })?.body).toBe(`password=${R} ok`);
  });

  it('counts one redaction per replaced span, under the detector whose secret starts first', () => {
    const stage = redact({ countAttribute: true });
    const record = setUp([stage]).emit({ body: `password=(Bearer ${TOKEN} and password=x4111 1111 1111 1111` });
    expect(record?.body).toBe(`password=${R} ${R} and password=${R}`);
    expect(record?.attributes['logweave.redaction.count']).toBe(3);
    expect(stage.stats().redactions).toEqual({ keyValue: 2, bearer: 1 });
  });

  it('keeps the host of a URL whose password looks like the local part of an email', () => {
    expect(emit({ body: 'https://user:hunter2@db.example.com/x' })?.body).toBe('https://REDACTED:REDACTED@db.example.com/x');
    expect(emit({ body: 'https://password=abcdef@host.example/' })?.body).toBe('https://REDACTED@host.example/');
  });

  it('keeps the fragment after a signed query value that is also a denied key', () => {
    expect(emit({ body: 'https://h.example/o?Signature=abc#frag' })?.body).toBe('https://h.example/o?Signature=REDACTED#frag');
  });
});
