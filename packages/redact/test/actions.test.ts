import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { redact } from '../src/index.ts';
import { sdkLines, setUp } from './setup.ts';

const R = '[REDACTED]';
const KEY = 'k'.repeat(32);
const hmac = (text: string) => `hmac:${createHmac('sha256', KEY).update(text).digest('hex').slice(0, 32)}`;

describe.each(sdkLines)('redact actions on sdk-logs $line', (line) => {
  it('keeps the last 4 characters of long secrets when action is mask-last4', () => {
    const { emit } = setUp([redact({ action: 'mask-last4' })], line);
    const record = emit({
      body: 'card 4111 1111 1111 1111 mail a@b.io',
      attributes: { api_key: 'sk_live_abcdef123456', pin: 'x', password: 'short' },
    });
    expect(record?.body).toBe(`card ${R}1111 mail ${R}`);
    expect(record?.attributes).toEqual({ api_key: `${R}3456`, pin: 'x', password: R });
  });

  it('deletes attributes and nested keys and cuts secrets out of text when action is remove', () => {
    const { emit } = setUp([redact({ action: 'remove' })], line);
    const record = emit({
      body: { note: 'mail ann@example.com now', password: 'x', list: ['a', () => 1] },
      attributes: { authorization: 'Basic abc', 'user.id': '42' },
    });
    expect(record?.body).toEqual({ note: 'mail  now', list: ['a'] });
    expect(record?.attributes).toEqual({ 'user.id': '42' });
  });

  it('replaces secrets by a keyed HMAC-SHA256 that stays equal across records when action is hash', () => {
    const { emit } = setUp([redact({ action: 'hash', hashKey: KEY })], line);
    const first = emit({ body: 'card 4111 1111 1111 1111 by Ann@Example.com', attributes: { 'user.password': 'hunter2' } });
    const second = emit({ body: 'card 4111111111111111 by ann@example.com', attributes: { 'user.password': 'hunter2' } });
    const expected = `card ${hmac('4111111111111111')} by ${hmac('ann@example.com')}`;
    expect(first?.body).toBe(expected);
    expect(second?.body).toBe(expected);
    expect(first?.attributes['user.password']).toBe(hmac('hunter2'));
  });

  it('hashes URL credentials and keeps the URL around them when action is hash', () => {
    const { emit } = setUp([redact({ action: 'hash', hashKey: KEY })], line);
    expect(emit({ body: 'https://u:p@h.example/?sig=s1' })?.body).toBe(`https://${hmac('u:p')}@h.example/?sig=${hmac('s1')}`);
  });

  it('uses the given mask text when mask is set', () => {
    const { emit } = setUp([redact({ mask: '***' })], line);
    expect(emit({ body: 'mail a@b.io', attributes: { token: 't' } })?.attributes).toEqual({ token: '***' });
    expect(emit({ body: 'mail a@b.io' })?.body).toBe('mail ***');
  });

  it('sets the number of redactions of a record on the count attribute when asked', () => {
    const { emit } = setUp([redact({ countAttribute: true })], line);
    const record = emit({ body: 'a@b.io and c@d.io', attributes: { password: 'x' } });
    expect(record?.attributes['logweave.redaction.count']).toBe(3);
    expect(emit({ body: 'nothing' })?.attributes).toEqual({});
  });

  it('names the count attribute as asked and keeps it through allow-list mode', () => {
    const { emit } = setUp([redact({ countAttribute: 'redactions', allowKeys: [] })], line);
    expect(emit({ attributes: { a: 1, b: 2 } })?.attributes).toEqual({ a: R, b: R, redactions: 2 });
  });

  it('counts redactions by reason and records with at least one in stats()', () => {
    const stage = redact({ keys: ['ssn'], patterns: { custom: [{ name: 'order-code', regex: /\bOC-\d{6}\b/g }] } });
    const { emit } = setUp([stage], line);
    emit({ body: 'a@b.io paid 4111111111111111 for OC-123456', attributes: { ssn: '078-05-1120' } });
    emit({ body: 'clean' });
    expect(stage.stats()).toEqual({
      redactedRecords: 1,
      redactions: { email: 1, card: 1, 'order-code': 1, key: 1 },
      failures: 0,
      dropped: 0,
    });
  });
});

describe('redact custom patterns', () => {
  it('redacts only the matches its validate function confirms', () => {
    const isEven = (text: string) => Number(text.slice(3)) % 2 === 0;
    const { emit } = setUp([redact({ patterns: { custom: [{ name: 'emp', regex: /EMP\d+/g, validate: isEven }] } })]);
    expect(emit({ body: 'EMP12 EMP13' })?.body).toBe(`${R} EMP13`);
  });

  it('redacts a match when its validate function throws', () => {
    const validate = () => {
      throw new Error('bug');
    };
    const { emit } = setUp([redact({ patterns: { custom: [{ name: 'emp', regex: /EMP\d+/g, validate }] } })]);
    expect(emit({ body: 'EMP12' })?.body).toBe(R);
  });

  it('keeps a prefix outside the secret when the regex uses a lookbehind', () => {
    const { emit } = setUp([redact({ patterns: { custom: [{ name: 'ref', regex: /(?<=ref=)[A-Z0-9]+/gi }] } })]);
    expect(emit({ body: 'ref=ab12 REF=CD34' })?.body).toBe(`ref=${R} REF=${R}`);
  });
});
