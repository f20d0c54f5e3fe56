import { describe, expect, it } from 'vitest';
import { redact, type RedactOptions } from '../src/index.ts';
import { setUp } from './setup.ts';

/** [text logged, text exported] for text with a secret; text without one is exported as logged. */
type Positive = readonly [string, string];

function corpus(name: string, options: RedactOptions, positives: readonly Positive[], negatives: readonly string[]): void {
  describe(`redact pattern ${name}`, () => {
    const { emit } = setUp([redact(options)]);

    it.each(positives)('redacts %j when the text holds one', (logged, exported) => {
      expect(emit({ body: logged })?.body).toBe(exported);
    });

    it.each(negatives)('leaves %j as it is when the text holds none', (logged) => {
      expect(emit({ body: logged })?.body).toBe(logged);
    });
  });
}

const R = '[REDACTED]';

corpus(
  'email',
  {},
  [
    ['user john.doe@example.com logged in', `user ${R} logged in`],
    ['<a+tag@sub.domain.co.uk>', `<${R}>`],
    ['mailto:UPPER_CASE@EXAMPLE.ORG.', `mailto:${R}.`],
    ['"x@y.io","z@w.dev"', `"${R}","${R}"`],
  ],
  ['user@localhost', 'foo@bar', 'a@b.c', 'icon@2x.png', 'logo@2x.PNG', 'sprite@3x.Webp', '@handle said hi', 'a @ b.com'],
);

corpus(
  'card',
  {},
  [
    ['paid with 4111111111111111 today', `paid with ${R} today`],
    ['4111 1111 1111 1111', R],
    ['card=5500-0000-0000-0004;', `card=${R};`],
    ['amex 3782 822463 10005', `amex ${R}`],
    ['diners 30569309025904', `diners ${R}`],
    ['visa13 4222222222222 mc2 2223003122003222', `visa13 ${R} mc2 ${R}`],
    ['4111 1111 1111 1111 123', `${R} 123`],
  ],
  [
    'order 4111111111111112 shipped',
    'ts=1718044800123',
    'order 1234567812345678',
    'id 41111111111111111111111',
    'trace 123e4567-e89b-12d3-a456-426614174000',
    'at 2024-01-15 12:30:45',
    'call +1 555 123 4567',
    '4111 1111 1111 1112',
  ],
);

corpus(
  'iban',
  {},
  [
    ['pay DE89370400440532013000 now', `pay ${R} now`],
    ['DE89 3704 0044 0532 0130 00', R],
    ['GB82 WEST 1234 5698 7654 32.', `${R}.`],
    ['FR1420041010050500013M02606', R],
    ['NL91ABNA0417164300 BE68539007547034', `${R} ${R}`],
    ['ES91 2100 0418 4502 0005 1332 ABCD', `${R} ABCD`],
  ],
  ['DE89370400440532013001', 'AB12CDEF', 'HTTP2 ABCD EFGH', 'DE89 3704', 'SKU AB12 CDEF GHIJ KLMN'],
);

const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
corpus(
  'jwt',
  {},
  [
    [`session ${JWT} ok`, `session ${R} ok`],
    ['unsigned eyJhbGciOiJub25lIn0.eyJzdWIiOiIxMjM0In0.', `unsigned ${R}`],
    [`(${JWT})`, `(${R})`],
  ],
  ['eyJhbGciOiJIUzI1NiJ9', 'keyJar.something.else', 'eyJ.eyJ.x'],
);

corpus(
  'bearer',
  {},
  [
    ['sent Bearer abcdefghijklmnop1234 upstream', `sent Bearer ${R} upstream`],
    ['bearer 0123456789abcdef0123', `bearer ${R}`],
    [`BEARER ${JWT}`, `BEARER ${R}`],
    ['with Basic dXNlcjpwYXNzd29yZA==', `with Basic ${R}`],
  ],
  ['bearer token expired', 'Basic authentication failed', 'Basic QUJDREVGR0hJSktM', 'the bearer of bad news'],
);

const GHP = `ghp_${'a1B2c3D4e5'.repeat(3)}abcdef`;
corpus(
  'apiKey',
  {},
  [
    ['aws AKIAIOSFODNN7EXAMPLE', `aws ${R}`],
    [`git ${GHP}`, `git ${R}`],
    ['github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz', R],
    ['stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', `stripe ${R}`],
    ['rk_test_4eC39HqLyjWDarjtT1zdp7dc', R],
    ['slack xoxb-123456789012-1234567890123-AbCdEfGhIjKl', `slack ${R}`],
    ['google AIzaSyD-1234567890abcdefghijklmnopqrstu', `google ${R}`],
    ['openai sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCD', `openai ${R}`],
    [`npm npm_${'a'.repeat(36)}`, `npm ${R}`],
    ['gitlab glpat-abcdefghij0123456789', `gitlab ${R}`],
    [`sendgrid SG.${'a'.repeat(22)}.${'b'.repeat(43)}`, `sendgrid ${R}`],
  ],
  ['AKIA123', 'task-runner-configuration-file-name-for-tests', 'ghp_short', 'disk-usage', 'sk_live', 'AIzaShort', 'my_sk_live_key'],
);

const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----';
corpus(
  'privateKey',
  {},
  [
    [`key: ${PEM} loaded`, `key: ${R} loaded`],
    ['-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA (truncated', R],
  ],
  ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', '-----BEGIN PUBLIC KEY-----'],
);

corpus(
  'url',
  {},
  [
    ['GET https://user:hunter2@db.example.com/x', 'GET https://REDACTED:REDACTED@db.example.com/x'],
    ['postgres://admin:s3cr3t@10.0.0.5:5432/app', 'postgres://REDACTED:REDACTED@10.0.0.5:5432/app'],
    ['git clone https://x-token@github.com/org/repo.git', 'git clone https://REDACTED@github.com/org/repo.git'],
    ['https://a:p@ss@host.example/', 'https://REDACTED:REDACTED@host.example/'],
    [
      'https://b.s3.amazonaws.com/k?AWSAccessKeyId=AKIAEXAMPLE&Expires=1700000000&Signature=abc%2Bdef',
      'https://b.s3.amazonaws.com/k?AWSAccessKeyId=REDACTED&Expires=1700000000&Signature=REDACTED',
    ],
    ['https://a.blob.core.windows.net/c?sv=2022-11-02&sig=abc%3D', 'https://a.blob.core.windows.net/c?sv=2022-11-02&sig=REDACTED'],
    [
      'https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=0a1b2c#frag',
      'https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=REDACTED#frag',
    ],
    ['https://s3.example/k?X-Amz-Credential=AKIA%2F20240101&X-Amz-Signature=ff00', 'https://s3.example/k?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED'],
  ],
  ['https://www.foo.bar/search?q=OpenTelemetry#SemConv', 'https://example.com/@user/posts', 'https://example.com/?Sig=abc', 'ssh git@github'],
);

corpus(
  'keyValue',
  {},
  [
    ['login password=hunter2 ok', `login password=${R} ok`],
    ['db_password = hunter2', `db_password = ${R}`],
    ['{"password": "hunter 2", "user": "bob"}', `{"password": "${R}", "user": "bob"}`],
    ["{'api_key': 'abc123'}", `{'api_key': '${R}'}`],
    ['{\\"token\\":\\"abc\\"}', `{\\"token\\":\\"${R}\\"}`],
    ['Cookie: session=abc; theme=dark', `Cookie: ${R}`],
    ['authorization=Bearer abc.def next', `authorization=Bearer ${R} next`],
    ['token_type=Bearer expires_in=3600', 'token_type=Bearer expires_in=3600'],
    ['curl -H "Authorization: Bearer abc.def" https://api.example.com/v1', 'curl -H "Authorization: Bearer [REDACTED]" https://api.example.com/v1'],
    ['curl -H "Cookie: a=1; b=2" https://api.example.com', 'curl -H "Cookie: [REDACTED]" https://api.example.com'],
    ['PGPASSWORD=hunter2 psql', `PGPASSWORD=${R} psql`],
    ['cli --password=hunter2 --verbose', `cli --password=${R} --verbose`],
    ['X-Api-Key: abcdef', `X-Api-Key: ${R}`],
    ['client_secret=xyz&grant_type=client_credentials', `client_secret=${R}&grant_type=client_credentials`],
    ['accessToken:abc', `accessToken:${R}`],
  ],
  ['status=200 duration=12ms', 'input_tokens=1234 output_tokens=56', 'passwordless=true', 'author: bob', 'password=', 'time 12:30:45'],
);

corpus(
  'ipv4 (opt-in)',
  { patterns: { ipv4: true } },
  [
    ['from 192.168.1.10 via 10.0.0.1:8080', `from ${R} via ${R}:8080`],
    ['0.0.0.0', R],
  ],
  ['version 1.2.3.4.5', '256.1.1.1', 'v1.2.3', '999.10.10.10'],
);

corpus(
  'ipv6 (opt-in)',
  { patterns: { ipv6: true } },
  [
    ['peer 2001:db8::1 closed', `peer ${R} closed`],
    ['link fe80::1%eth0', `link ${R}%eth0`],
    ['mapped ::ffff:192.0.2.1', `mapped ${R}`],
    ['[2001:db8:85a3::8a2e:370:7334]:443', `[${R}]:443`],
  ],
  ['at 12:30:45', 'mac aa:bb:cc:dd:ee:ff', 'std::vector', 'a::b::c'],
);

describe('redact default patterns', () => {
  it('leaves addresses alone when ipv4 and ipv6 are not switched on', () => {
    const { emit } = setUp([redact()]);
    expect(emit({ body: 'from 10.0.0.1 and 2001:db8::1' })?.body).toBe('from 10.0.0.1 and 2001:db8::1');
  });

  it('leaves emails alone when the email pattern is switched off', () => {
    const { emit } = setUp([redact({ patterns: { email: false } })]);
    expect(emit({ body: 'mail bob@example.com card 4111111111111111' })?.body).toBe(`mail bob@example.com card ${R}`);
  });
});
