import { email, ipv6, urlCredentials } from './anchored.ts';
import { AUTH_SCHEME, CARD, DOT, EQUALS, IBAN_HEAD, JWT_HEAD, KEY_HEAD, PEM, QUERY } from './features.ts';
import { found, type Detector } from './detector.ts';
import { regexDetector, whole } from './regex-detector.ts';
import { esDni, frNir, phone, usSsn } from './pii.ts';
import { awsSecretPair, telegramBotToken, vendorKeys, webhookUrl } from './vendor-keys.ts';
import { blankLength, boundaryAfter } from './escapes.ts';
import { keyValue } from './key-value.ts';
import { basicCredentials, ibanSpanEnd, luhnValid } from './validators.ts';

/** Signed-URL query values listed by the OTel URL conventions (case-sensitive), plus the AWS SigV4 and GCS V4 ones. */
const urlSignature = regexDetector(
  'url',
  [EQUALS, EQUALS | QUERY],
  String.raw`(?<=[?&])(?:AWSAccessKeyId|Signature|sig|X-Goog-Signature|X-Goog-Credential|X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token)=[^&#\s"'<>\\]*`,
  (input, start, end, hit) => {
    const value = input.indexOf('=', start) + 1;
    return value < end && found(hit, start, value, end, end, 'query');
  },
);

/** A PEM private key block, to its END line; a block cut short is redacted to the end of the string. */
const privateKey = regexDetector(
  'privateKey',
  [PEM, 0],
  String.raw`-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----`,
  (input, start, end, hit) => {
    const footer = input.indexOf('-----END', end);
    const close = footer < 0 ? -1 : input.indexOf('-----', footer + 8);
    const stop = close < 0 ? input.length : close + 5;
    return found(hit, start, start, stop, stop, 'value');
  },
);

/** A JWS or JWE in compact form: a base64url JSON header (`eyJ`), then 2 to 4 more parts. */
const jwt = regexDetector(
  'jwt',
  [JWT_HEAD, 0],
  boundaryAfter(String.raw`A-Za-z0-9_\-`) + String.raw`eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}(?:\.[A-Za-z0-9_\-]*){1,3}`,
  whole('value'),
);

/**
 * HTTP credentials: `Bearer <token>` (16+ characters) and `Basic <base64 of user:password>`; the
 * scheme stays. In JSON text the blank may be a `\t` escape, and a `/` of the token a `\/` one.
 */
const bearer = regexDetector(
  'bearer',
  [AUTH_SCHEME, 0],
  boundaryAfter('A-Za-z0-9') + String.raw`(?:[Bb]earer|BEARER|[Bb]asic|BASIC)(?:[ \t]|\\{1,7}t){1,8}(?:[A-Za-z0-9\-._~+]|\\?/){12,}={0,2}`,
  (input, start, end, hit) => {
    const isBearer = (input.charCodeAt(start + 1) | 0x20) === 0x65; // 'e'
    let token = start + (isBearer ? 6 : 5);
    for (let blank = blankLength(input, token); blank > 0; blank = blankLength(input, token)) token += blank;
    const ok = isBearer ? end - token >= 16 : basicCredentials(input.slice(token, end).replaceAll('\\/', '/'));
    return ok && found(hit, start, token, end, end, 'value');
  },
);

/** Vendor key shapes: AWS access key ids, GitHub, Stripe, Slack, Google, OpenAI/Anthropic, npm, GitLab, SendGrid. */
const apiKey = regexDetector(
  'apiKey',
  [KEY_HEAD, 0],
  boundaryAfter(String.raw`A-Za-z0-9_\-`) + String.raw`(?:(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,}` +
    String.raw`|(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,}|whsec_[A-Za-z0-9+/=]{20,}|xox[abposre]-[A-Za-z0-9\-]{10,}` +
    String.raw`|AIza[A-Za-z0-9_\-]{35}|sk-[A-Za-z0-9_\-]{32,}|npm_[A-Za-z0-9]{36}|glpat-[A-Za-z0-9_\-]{20,}` +
    String.raw`|SG\.[A-Za-z0-9_\-]{16,}\.[A-Za-z0-9_\-]{16,})`,
  whole('value'),
);

/**
 * Payment card numbers: 13 to 19 digits starting 2-6 (so epoch-millisecond timestamps, which start
 * with 1, are left alone), contiguous or grouped 4-4-4-4(-3) / 4-6-5, Luhn-checked. Digits glued
 * to hex letters are part of a hex id (a trace id holds a run of 13 digits one time in a few hundred).
 */
const card = regexDetector(
  'card',
  [CARD, 0],
  boundaryAfter('0-9A-Fa-f') + String.raw`[2-6][0-9]{3}(?:[0-9]{9,15}|[ \-](?:[0-9]{4}[ \-][0-9]{4}[ \-][0-9]{4}(?:[ \-][0-9]{3})?|[0-9]{6}[ \-][0-9]{4,5}))(?![0-9A-Fa-f])`,
  (input, start, end, hit) => {
    if (luhnValid(input, start, end)) return found(hit, start, start, end, end, 'card');
    // 4-4-4-4 followed by three unrelated digits.
    const lastGroup = end - 4;
    const sep = input.charCodeAt(lastGroup);
    if ((sep === 0x20 || sep === 0x2d) && lastGroup - start === 19 && luhnValid(input, start, lastGroup)) {
      return found(hit, start, start, lastGroup, lastGroup, 'card');
    }
    return false;
  },
  // The first group of four, then four more digits, with or without a separator: every branch has them.
  /[2-6][0-9]{3}[- ]?[0-9]{4}/,
);

/** IBANs, compact or in groups of four, checked mod 97; a trailing group that breaks the check is dropped. */
const iban = regexDetector(
  'iban',
  [IBAN_HEAD, 0],
  boundaryAfter('A-Za-z0-9') + String.raw`[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Za-z0-9])`,
  (input, start, end, hit) => {
    const stop = ibanSpanEnd(input, start, end);
    return stop > 0 && found(hit, start, start, stop, stop, 'iban');
  },
);

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
const ipv4 = regexDetector(
  'ipv4',
  [DOT, 0],
  boundaryAfter('0-9.') + String.raw`(?:${OCTET}\.){3}${OCTET}(?![0-9]|\.[0-9])`,
  whole('value'),
);

/** In priority order: of two secrets that start at one position, the first listed names the redaction in stats(). */
export const DETECTORS: readonly Detector[] = [
  urlCredentials,
  urlSignature,
  webhookUrl,
  privateKey,
  jwt,
  bearer,
  apiKey,
  vendorKeys,
  telegramBotToken,
  awsSecretPair,
  card,
  iban,
  email,
  ipv6,
  ipv4,
  usSsn,
  frNir,
  esDni,
  phone,
  keyValue,
];
