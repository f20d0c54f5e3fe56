import { describe, expect, it } from 'vitest';
import { DEFAULT_DENY_KEYS, redact } from '../src/index.ts';
import { sdkLines, setUp } from './setup.ts';

const R = '[REDACTED]';

describe.each(sdkLines)('redact keys on sdk-logs $line', (line) => {
  it('masks attributes named on the deny list whatever their case and separators', () => {
    const { emit } = setUp([redact()], line);
    const record = emit({
      body: 'login',
      attributes: {
        Password: 'hunter2',
        'http.request.header.authorization': 'Bearer abc',
        'X-API-KEY': 'k1',
        apiKey: 'k2',
        APIKEY: 'k3',
        accessToken: 't1',
        refresh_token: 't2',
        'Set-Cookie': 'sid=1',
        client_secret: 's',
        'user.id': '42',
      },
    });
    expect(record?.attributes).toEqual({
      Password: R,
      'http.request.header.authorization': R,
      'X-API-KEY': R,
      apiKey: R,
      APIKEY: R,
      accessToken: R,
      refresh_token: R,
      'Set-Cookie': R,
      client_secret: R,
      'user.id': '42',
    });
  });

  it('keeps keys that merely contain a denied word inside another word', () => {
    const { emit } = setUp([redact()], line);
    const attributes = { 'gen_ai.usage.input_tokens': 120, passwordless: true, author: 'bob', 'http.route': '/tokens' };
    expect(emit({ attributes })?.attributes).toEqual(attributes);
  });

  it('masks nested keys of a structured body and keeps the rest of it', () => {
    const { emit } = setUp([redact()], line);
    const body = { event: 'signup', user: { name: 'Ann', credentials: { pin: 1234 }, sessions: [{ id: 1, token: 'abc' }] } };
    expect(emit({ body })?.body).toEqual({
      event: 'signup',
      user: { name: 'Ann', credentials: R, sessions: [{ id: 1, token: R }] },
    });
  });

  it('masks keys added through the keys option as well as the defaults', () => {
    const { emit } = setUp([redact({ keys: ['national_id', 'dob'] })], line);
    const record = emit({ attributes: { 'user.nationalId': 'AB123', DOB: '1990-01-01', password: 'x', name: 'Ann' } });
    expect(record?.attributes).toEqual({ 'user.nationalId': R, DOB: R, password: R, name: 'Ann' });
  });

  it('masks every key not on the allow list when allowKeys is given', () => {
    const { emit } = setUp([redact({ allowKeys: ['http.method', 'http.route', 'order', 'id', 'password'] })], line);
    const record = emit({
      body: { order: { id: 7, customer: 'Ann' }, note: 'gift' },
      attributes: { 'http.method': 'GET', HTTP_ROUTE: '/a', 'user.email': 'x', password: 'p' },
    });
    expect(record?.body).toEqual({ order: { id: 7, customer: R }, note: R });
    expect(record?.attributes).toEqual({ 'http.method': 'GET', HTTP_ROUTE: '/a', 'user.email': R, password: R });
  });

  it('leaves null and absent values under denied keys as they are', () => {
    const { emit } = setUp([redact()], line);
    const body = { password: null, token: undefined, ok: true };
    const record = emit({ body });
    expect(record?.body).toStrictEqual(body);
  });

  it('renames a key that itself holds a secret when the key is an email', () => {
    const { emit } = setUp([redact()], line);
    const record = emit({ body: { visits: { 'ann@example.com': 3, home: 1 } } });
    expect(record?.body).toEqual({ visits: { [R]: 3, home: 1 } });
  });

  it('scans the values of attributes that are not on the deny list', () => {
    const { emit } = setUp([redact()], line);
    const record = emit({ attributes: { 'db.statement': "select * from users where email = 'ann@example.com'", tags: ['ok', 'x@y.io'] } });
    expect(record?.attributes).toEqual({ 'db.statement': `select * from users where email = '${R}'`, tags: ['ok', R] });
  });
});

describe('redact DEFAULT_DENY_KEYS', () => {
  it('lists the key names the issue asks for', () => {
    expect(DEFAULT_DENY_KEYS).toEqual(expect.arrayContaining(['password', 'passwd', 'secret', 'token', 'authorization', 'cookie', 'api_key']));
  });
});
