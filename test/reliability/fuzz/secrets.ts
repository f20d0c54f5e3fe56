import fc from 'fast-check';
import { anyCodeUnit } from './lines.ts';

/** A generated secret, written as it appears in logs. */
export interface Secret {
  kind: string;
  text: string;
  /** Parts of `text` that must never reach a collector. */
  cores: string[];
  /** Parts of `text` that may stay (a host, a scheme word): a core found inside them is no leak. */
  publicParts: string[];
  /** A card number may also be logged as a JSON number. */
  number?: number;
}

const base64url = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64url');

export const email = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9][a-z0-9._%+-]{0,20}$/),
    fc.array(fc.stringMatching(/^[a-z0-9]{1,12}$/), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('com', 'org', 'net', 'io', 'dev', 'fr', 'de', 'museum'),
  )
  .chain(([local, labels, tld]) => fc.mixedCase(fc.constant(`${local}@${labels.join('.')}.${tld}`)))
  .map((text): Secret => ({ kind: 'email', text, cores: [text], publicParts: [] }));

/** A number that passes the Luhn check: `prefix`, random digits, then the check digit. */
function luhn(prefix: string, length: number): fc.Arbitrary<string> {
  return fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length - prefix.length - 1, maxLength: length - prefix.length - 1 }).map((rest) => {
    const body = prefix + rest.join('');
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      let d = Number(body[body.length - 1 - i]);
      if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return body + String((10 - (sum % 10)) % 10);
  });
}

/** Visa, Mastercard, Amex, Discover, JCB and Diners numbers, contiguous or grouped as printed on cards. */
export const card = fc
  .oneof(
    fc.tuple(luhn('4', 16), fc.constantFrom('', ' ', '-')).map(([d, sep]) => ({ d, groups: [4, 4, 4, 4], sep })),
    fc.tuple(luhn('4', 13), fc.constant('')).map(([d, sep]) => ({ d, groups: [13], sep })),
    fc.tuple(luhn('4', 19), fc.constantFrom('', ' ')).map(([d, sep]) => ({ d, groups: [4, 4, 4, 4, 3], sep })),
    fc.tuple(fc.constantFrom('51', '55', '2221', '2720'), fc.constantFrom('', ' ', '-')).chain(([p, sep]) => luhn(p, 16).map((d) => ({ d, groups: [4, 4, 4, 4], sep }))),
    fc.tuple(fc.constantFrom('34', '37'), fc.constantFrom('', ' ', '-')).chain(([p, sep]) => luhn(p, 15).map((d) => ({ d, groups: [4, 6, 5], sep }))),
    fc.tuple(fc.constantFrom('6011', '65', '3528', '3589'), fc.constantFrom('', ' ')).chain(([p, sep]) => luhn(p, 16).map((d) => ({ d, groups: [4, 4, 4, 4], sep }))),
    fc.constantFrom('36', '38').chain((p) => luhn(p, 14).map((d) => ({ d, groups: [4, 6, 4], sep: ' ' }))),
  )
  .map(({ d, groups, sep }): Secret => {
    const parts: string[] = [];
    let at = 0;
    for (const size of groups) parts.push(d.slice(at, (at += size)));
    const text = sep === '' ? d : parts.join(sep);
    return { kind: 'card', text, cores: [d, text], publicParts: [], ...(Number.isSafeInteger(Number(d)) ? { number: Number(d) } : {}) };
  });

export const jwt = fc
  .tuple(fc.constantFrom('HS256', 'RS256', 'ES256', 'none'), fc.string({ maxLength: 20 }), fc.nat(), fc.uint8Array({ minLength: 16, maxLength: 64 }))
  .map(([alg, sub, iat, signature]): Secret => {
    const sig = base64url(signature);
    const text = `${base64url(JSON.stringify({ alg, typ: 'JWT' }))}.${base64url(JSON.stringify({ sub, iat }))}.${sig}`;
    return { kind: 'jwt', text, cores: [text, sig], publicParts: [] };
  });

export const awsKey = fc
  .stringMatching(/^(AKIA|ASIA)[A-Z0-9]{16}$/)
  .map((text): Secret => ({ kind: 'aws access key id', text, cores: [text], publicParts: [] }));

export const bearer = fc
  .tuple(fc.constantFrom('Bearer', 'bearer', 'BEARER'), fc.stringMatching(/^[A-Za-z0-9\-._~+/]{16,64}={0,2}$/))
  .map(([scheme, token]): Secret => ({ kind: 'bearer token', text: `${scheme} ${token}`, cores: [token], publicParts: [scheme] }));

/** `scheme://user:password@host/path`; the password takes RFC 3986 user-info characters, percent-encoded ones too. */
export const passwordInUrl = fc
  .tuple(
    fc.constantFrom('https', 'http', 'postgres', 'postgresql', 'mysql', 'redis', 'amqp', 'mongodb+srv', 'ftp'),
    fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/),
    fc.stringMatching(/^[A-Za-z0-9._~!$&()*+,;=-]{8,24}$|^[A-Za-z0-9]{4,12}%40[A-Za-z0-9]{4,12}$/),
    fc.domain(),
    fc.constantFrom('', '/', '/orders', ':5432/app?sslmode=require'),
  )
  .map(([scheme, user, password, host, path]): Secret => ({
    kind: 'password in URL',
    text: `${scheme}://${user}:${password}@${host}${path}`,
    cores: [password],
    publicParts: [scheme, user, host, path],
  }));

export const secret = fc.oneof(email, card, jwt, awsKey, bearer, passwordInUrl);

/** Text around a secret: any code unit, and tokens that other detectors, parsers and stages react to. */
export const filler = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: anyCodeUnit },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        ' ', '"', "'", '\\"', '=', ': ', '@', '://', '&', '?', '.', '-', '_', '%', '\n', '\u00a0', '\uD800', '{', '}',
        'password=', 'token: ', 'Authorization: ', 'Bearer', 'eyJ', 'AKIA', '4111', 'DE89 3704 ', '-----BEGIN PRIVATE KEY-----',
        'user@', 'msg=', 'level=error', '<34>', 'ERROR: ',
      ),
    },
  ),
  maxLength: 40,
});

/** What may stand right before and after a secret in text: the delimiters its detector expects. */
export const before = fc.constantFrom(' ', '\n', '\t', '"', "'", '(', '[', '<', ',', ';', ': ', '=', ' = ');
export const after = fc.constantFrom(' ', '\n', '\t', '"', "'", ')', ']', '>', ',', ';', '.', '!', '?');
