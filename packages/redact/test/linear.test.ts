import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';
import { setUp } from './setup.ts';

/*
 * Every detector is built to run in time linear in the length of the string (the rules are in
 * the README). Tests cannot assert time without flakiness, so these feed each detector the input
 * that would make a backtracking or rescanning implementation blow up, at 1 MB, under vitest's
 * default timeout; a quadratic detector takes minutes on them.
 */
const MB = 1 << 20;
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);

describe('redact on 1 MB adversarial strings', () => {
  const { emit } = setUp([redact({ patterns: { ipv4: true, ipv6: true } })]);
  const redacted = (unit: string) => emit({ body: fill(unit) })?.body as string;

  it.each([
    ['letters', 'a'],
    ['digits', '4'],
    ['local parts without domains', 'a@'],
    ['domains without top-level domains', 'x@a.'],
    ['local parts of 63 characters', `${'a'.repeat(63)}@`],
    ['JWT headers', 'eyJ'],
    ['auth schemes without tokens', 'Bearer '],
    ['schemes without user information', 'https://'],
    ['separators', ':='],
    ['keys of 127 characters', `${'k'.repeat(127)}=`],
    ['hex and colons', 'ab:'],
    ['colons', ':'],
    ['vendor prefixes', 'sk-ghp_AKIA.'],
    ['card groups that fail Luhn', '4111 1111 1111 1112 '],
    ['IBAN heads that fail mod 97', 'AB12 '],
    ['dotted digits', '1.2.3.'],
    ['vendor heads of vendor-keys', 'hvs. dop_v1_ glc_ PMAK- LTAI SK GR1348941 '],
    ['Telegram heads', '123456789:AA'],
    ['Entra ID heads', 'abc1Q~ '],
    ['webhook hosts without paths', 'hooks.slack.com/services/'],
    ['AWS key ids without secrets', 'AKIAIOSFODNN7EXAMPL: '],
  ])('returns %s unchanged', (_name, unit) => {
    const body = fill(unit);
    // A boolean: a failure message quoting 1 MB helps no one.
    expect(emit({ body })?.body === body).toBe(true);
  });

  it('replaces the value after each key when quotes never close or are escaped', () => {
    const start = (unit: string) => redacted(unit).slice(0, 1000);
    expect(start('password="')).toBe('password="[REDACTED]"'.repeat(50).slice(0, 1000));
    // Each value is followed by `:`, so it is the key of the next pair: one chain, one replacement.
    expect(redacted('password\\":\\"') === 'password\\":\\"[REDACTED]').toBe(true);
  });

  it('replaces every secret of a string dense with them', () => {
    const body = redacted('user=a@b.co card 4111111111111111 password: hunter2 ');
    expect(/a@b\.co|4111111111111111|hunter2/.test(body)).toBe(false);
    expect(body.startsWith('user=[REDACTED] card [REDACTED] password: [REDACTED] ')).toBe(true);
  });

  it('replaces user information of URLs back to back', () => {
    expect(redacted('a://b@').includes('://b@')).toBe(false);
  });

  it('replaces a private key block that never ends with everything after it', () => {
    expect(redacted('-----BEGIN RSA PRIVATE KEY-----') === '[REDACTED]').toBe(true);
  });
});
