import { describe, expect, it } from 'vitest';
import { DEFAULT_DENY_KEYS, redact } from '../src/index.ts';
import { namesSecret } from '../src/internal/key-hints.ts';
import { normalizeKey } from '../src/internal/key-words.ts';
import { setUp } from './setup.ts';

const R = '[REDACTED]';
const NAMES = DEFAULT_DENY_KEYS.map(normalizeKey);

describe('redact credentials after an auth scheme word', () => {
  const { emit } = setUp([redact()]);

  it.each([
    ['Authorization: Bearer a-b.c_d~e+f/g9==', `Authorization: Bearer ${R}`],
    ['Authorization: Basic user:pass next', `Authorization: Basic ${R}`],
    ['Authorization: Negotiate YIIabc123== next=1', `Authorization: Negotiate ${R} next=1`],
    ['authorization=Token abc123 next=1', `authorization=Token ${R} next=1`],
    ['x-authorization: ApiKey k1k2k3 rest', `x-authorization: ApiKey ${R} rest`],
    ['Authorization: Bearer', `Authorization: ${R}`],
    ['authorization=Bearer abc:def x', `authorization=Bearer ${R} x`],
    ['authorization=Bearer "x"', `authorization=${R} "x"`],
    ['auth=Bearer expires_in=3600', `auth=${R} expires_in=3600`],
    ['authorization=Digest username="x", response="y"', `authorization=Digest ${R}`],
    ['{"cmd":"curl -H \\"Cookie: a=1; b=2\\" https://x.example"}', `{"cmd":"curl -H \\"Cookie: ${R}\\" https://x.example"}`],
    ["curl -H 'Authorization: Basic dXNlcjpwYXNz' 'https://x.example'", `curl -H 'Authorization: Basic ${R}' 'https://x.example'`],
    ['Authorization: Bearer abc=def', `Authorization: Bearer ${R}`],
    ['{"authorization":"Digest a=1, b=2","n":1}', `{"authorization":"Digest ${R}","n":1}`],
  ])('exports %j as %j', (logged, exported) => {
    expect(emit({ body: logged })?.body).toBe(exported);
  });

  it.each(['-', '.', '_', '~', '+', '/', 'Z', 'z', '0'])('keeps %j inside one token68', (char) => {
    expect(emit({ body: `Authorization: Bearer ab${char}cd next` })?.body).toBe(`Authorization: Bearer ${R} next`);
  });
});

describe('redact key-name exemptions and glued hints, one by one', () => {
  it.each([
    'type', 'count', 'length', 'name', 'ref', 'file', 'path', 'endpoint', 'url', 'uri', 'expires', 'expires_in', 'expires_at',
    'expiry', 'ttl', 'policy', 'usage', 'limit', 'method', 'mode', 'provider', 'scheme', 'status', 'enabled', 'required',
  ])('exempts a key that ends with %s', (ending) => {
    expect(namesSecret(`token_${ending}`, NAMES, [])).toBe(false);
    expect(namesSecret(`token_${ending}_x`, NAMES, [])).toBe(true);
  });

  it.each(['password', 'passwd', 'secret', 'token', 'apikey', 'accesskey'].flatMap((hint) => ['key', 'keys', 'value', 'hash', 'string'].map((more) => `${hint}${more}`.toUpperCase())))(
    'names a secret for the glued %s',
    (key) => expect(namesSecret(key, NAMES, [])).toBe(true),
  );

  it.each(['MYAPP_PGPASSWORD', 'NO_PASSWD_X', 'xpwd'])('names a secret for %s', (key) => expect(namesSecret(key, NAMES, [])).toBe(true));

  it.each(['NO_PASSWD', 'NOPASSWD', 'tokenvalues', 'secretkeyring'])('names no secret for %s', (key) => expect(namesSecret(key, NAMES, [])).toBe(false));
});
